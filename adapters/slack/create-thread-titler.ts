import type { webApi } from "@slack/bolt";
import type { Logger } from "../../src/logger.ts";
import { createDedupeWindow } from "./create-dedupe-window.ts";
import { slackErrorCode } from "./create-thread-reply.ts";
import type { ReplyRequest } from "./decide-reply.ts";

/** Long enough to tell questions apart in the history list, short enough to fit on its line. */
export const MAX_THREAD_TITLE_CHARS = 60;

/** Names an agent thread after the question that started it; resolves when Slack has answered, never rejects. */
export type ThreadTitler = (client: webApi.WebClient, request: ReplyRequest) => Promise<void>;

/**
 * Titles each agent thread (a conversation in the app's DM) with its first question, so the person's
 * history list reads as what they asked rather than "Chats from …". Only the first question of a thread
 * names it; follow-ups keep the title. A refusal (missing `assistant:write`, a DM that is no agent thread)
 * costs the title only: it is logged, and the answer never waits for it.
 */
export function createThreadTitler(options: { logger: Logger }): ThreadTitler {
  // A day covers any conversation that is still going; a restart at worst renames a thread once.
  const titled = createDedupeWindow({ ttlMs: 24 * 60 * 60_000, maxKeys: 50_000 });
  return async (client, request) => {
    if (!request.isDirect) return;
    const title = threadTitleFrom(request.text);
    if (!title || !titled.claim(`${request.channel}:${request.threadTs}`)) return;
    try {
      await client.assistant.threads.setTitle({ channel_id: request.channel, thread_ts: request.threadTs, title });
    } catch (error) {
      options.logger.warn({ err: slackErrorCode(error) ?? (error as Error).message, channel: request.channel, thread: request.threadTs }, "could not set the thread's title; the answer goes on without it");
    }
  };
}

/** The question on one line, cut at a word within MAX_THREAD_TITLE_CHARS; null when nothing is left. */
export function threadTitleFrom(question: string): string | null {
  const line = question.replace(/\s+/g, " ").trim();
  if (!line) return null;
  if (line.length <= MAX_THREAD_TITLE_CHARS) return line;
  const cut = line.slice(0, MAX_THREAD_TITLE_CHARS - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space >= MAX_THREAD_TITLE_CHARS / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.!?-]+$/, "")}…`;
}
