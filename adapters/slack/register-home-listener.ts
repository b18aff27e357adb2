import type { App } from "@slack/bolt";
import type { Logger } from "../../src/logger.ts";
import { createDedupeWindow } from "./create-dedupe-window.ts";
import { slackErrorCode } from "./slack-error-code.ts";

const SUGGESTED_PROMPTS_TITLE = "Try asking";
/** Generic on purpose: they must make sense for any company's documents. Also listed in manifest.json. */
export const SUGGESTED_PROMPTS = [
  { title: "Time off", message: "How many vacation days do I get?" },
  { title: "Expenses", message: "How do I submit an expense report?" },
  { title: "Working remotely", message: "What is the policy on working remotely?" },
  { title: "Security", message: "What should I do with a suspicious email?" },
];

/**
 * When someone opens the app's Messages tab (the agent DM), offer a few example questions, as Slack's
 * agent experience does. Set at most once an hour per DM; a failure only costs the suggestions.
 */
export function registerHomeListener(app: App, options: { logger: Logger }): void {
  const recently = createDedupeWindow({ ttlMs: 60 * 60_000, maxKeys: 10_000 });
  app.event("app_home_opened", async ({ event, client }) => {
    if (event.tab !== "messages" || !event.channel || !recently.claim(event.channel)) return;
    try {
      // Agent apps set prompts for the whole DM: with a thread_ts the call is silently ignored.
      await client.assistant.threads.setSuggestedPrompts({ channel_id: event.channel, title: SUGGESTED_PROMPTS_TITLE, prompts: SUGGESTED_PROMPTS });
    } catch (error) {
      options.logger.warn({ err: slackErrorCode(error) ?? (error as Error).message, channel: event.channel }, "could not set the suggested prompts");
    }
  });
}
