import type { App } from "@slack/bolt";
import { z } from "zod";
import type { Logger } from "../../src/logger.ts";
import type { PromptChooser } from "./create-prompt-chooser.ts";
import { slackErrorCode } from "./slack-error-code.ts";
import { SUGGESTED_PROMPTS_TITLE } from "./generic-prompts.ts";

/** The fields of `assistant_thread_started` this listener reads (Slack's event reference). */
const threadStartedSchema = z.object({
  type: z.literal("assistant_thread_started"),
  assistant_thread: z.object({
    user_id: z.string().min(1),
    channel_id: z.string().min(1),
    thread_ts: z.string().min(1),
  }),
});

/**
 * `assistant_thread_started`: someone opened a new thread with the app in Slack's assistant experience
 * (apps still on `assistant_view`; the agent experience announces a DM with `app_home_opened` instead).
 * The thread gets suggested prompts, set on that very thread (a failure only costs the suggestions), and
 * its first question will name it.
 */
export interface AssistantListenerOptions {
  logger: Logger;
  choosePrompts: PromptChooser;
  /** Told of every new assistant thread, so its first question can name it. */
  threadStarted: (channel: string, threadTs: string) => void;
}

export function registerAssistantListeners(app: App, options: AssistantListenerOptions): void {
  const { logger } = options;
  app.event("assistant_thread_started", async ({ event, client }) => {
    const parsed = threadStartedSchema.safeParse(event);
    if (!parsed.success) return void logger.debug("ignored an assistant_thread_started event in an unexpected shape");
    const { channel_id, thread_ts } = parsed.data.assistant_thread;
    options.threadStarted(channel_id, thread_ts);
    try {
      await client.assistant.threads.setSuggestedPrompts({
        channel_id,
        thread_ts,
        title: SUGGESTED_PROMPTS_TITLE,
        prompts: await options.choosePrompts(channel_id),
      });
    } catch (error) {
      logger.warn({ err: slackErrorCode(error) ?? (error as Error).message, channel: channel_id, thread: thread_ts }, "could not set the suggested prompts");
    }
  });
}
