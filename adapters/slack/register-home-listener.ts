import type { App } from "@slack/bolt";
import { z } from "zod";
import type { Logger } from "../../src/logger.ts";
import { createDedupeWindow } from "./create-dedupe-window.ts";
import type { HomePublisher } from "./create-home-publisher.ts";
import type { PromptChooser } from "./create-prompt-chooser.ts";
import { slackErrorCode } from "./slack-error-code.ts";
import { SUGGESTED_PROMPTS_TITLE } from "./generic-prompts.ts";

export { SUGGESTED_PROMPTS } from "./generic-prompts.ts";

/** The fields of `app_home_opened` this listener reads. */
const appHomeOpenedSchema = z.object({
  type: z.literal("app_home_opened"),
  user: z.string().min(1),
  channel: z.string().min(1).optional(),
  tab: z.string().optional(),
});

export interface HomeListenerOptions {
  logger: Logger;
  choosePrompts: PromptChooser;
  publishHome: HomePublisher;
}

/**
 * `app_home_opened`. The Messages tab is the agent's DM in Slack's agent messaging experience: opening
 * it gets suggested prompts (at most once an hour per DM; a failure only costs the suggestions). The
 * Home tab gets the person's Home view.
 */
export function registerHomeListener(app: App, options: HomeListenerOptions): void {
  const { logger } = options;
  const recently = createDedupeWindow({ ttlMs: 60 * 60_000, maxKeys: 10_000 });
  app.event("app_home_opened", async ({ event, client }) => {
    const parsed = appHomeOpenedSchema.safeParse(event);
    if (!parsed.success) return void logger.debug("ignored an app_home_opened event in an unexpected shape");
    const { user, channel, tab } = parsed.data;
    if (tab === "home") return options.publishHome(client, user);
    if (tab !== "messages" || !channel || !recently.claim(channel)) return;
    try {
      // Agent apps set prompts for the whole DM: with a thread_ts the call is silently ignored.
      await client.assistant.threads.setSuggestedPrompts({
        channel_id: channel,
        title: SUGGESTED_PROMPTS_TITLE,
        prompts: await options.choosePrompts(channel),
      });
    } catch (error) {
      logger.warn({ err: slackErrorCode(error) ?? (error as Error).message, channel }, "could not set the suggested prompts");
    }
  });
}
