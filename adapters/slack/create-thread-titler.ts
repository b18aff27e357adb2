import type { webApi } from "@slack/bolt";
import type { Logger } from "../../src/logger.ts";
import { createDedupeWindow } from "./create-dedupe-window.ts";
import { slackErrorCode } from "./slack-error-code.ts";
import type { ReplyRequest } from "./decide-reply.ts";

/** Long enough to tell questions apart in the history list, short enough to fit on its line. */
export const MAX_THREAD_TITLE_CHARS = 60;
/** How long an assistant thread Slack started waits for its first question to name it. */
const STARTED_THREAD_TTL_MS = 24 * 60 * 60_000;
const MAX_STARTED_THREADS = 50_000;

export interface ThreadTitler {
  /** Slack started an assistant thread (`assistant_thread_started`): its first question, a reply in it, names it. */
  threadStarted(channel: string, threadTs: string): void;
  /** Names the request's thread when the request is its first question; resolves when Slack has answered, never rejects. */
  title(client: webApi.WebClient, request: ReplyRequest): Promise<void>;
}

/**
 * Titles each agent thread with its first question, so the person's history list reads as what they
 * asked rather than "Chats from …". A thread's first question is a top-level message in the app's DM
 * (the agent experience), or the first reply in an assistant thread Slack announced (the older assistant
 * view); follow-ups never rename a thread. A refusal (missing `assistant:write`, a DM that is no agent
 * thread) costs the title only: it is logged, and the answer never waits for it.
 */
export function createThreadTitler(options: { logger: Logger; now?: () => number }): ThreadTitler {
  const now = options.now ?? Date.now;
  const titled = createDedupeWindow({ ttlMs: STARTED_THREAD_TTL_MS, maxKeys: MAX_STARTED_THREADS, now });
  const started = new Map<string, number>();
  const wasStarted = (key: string) => {
    const at = started.get(key);
    return at !== undefined && now() - at <= STARTED_THREAD_TTL_MS;
  };
  return {
    threadStarted(channel, threadTs) {
      started.set(`${channel}:${threadTs}`, now());
      // Map order is insertion order: past the bound, the oldest threads go first.
      while (started.size > MAX_STARTED_THREADS) started.delete(started.keys().next().value!);
    },
    async title(client, request) {
      if (!request.isDirect) return;
      const key = `${request.channel}:${request.threadTs}`;
      const firstOfThread = request.messageTs === request.threadTs || wasStarted(key);
      const title = threadTitleFrom(request.text);
      if (!firstOfThread || !title || !titled.claim(key)) return;
      started.delete(key);
      try {
        await client.assistant.threads.setTitle({ channel_id: request.channel, thread_ts: request.threadTs, title });
      } catch (error) {
        options.logger.warn(
          { err: slackErrorCode(error) ?? (error as Error).message, channel: request.channel, thread: request.threadTs },
          "could not set the thread's title; the answer goes on without it",
        );
      }
    },
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
