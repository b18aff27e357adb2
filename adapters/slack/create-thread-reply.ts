import type { webApi } from "@slack/bolt";
import { QUEUED_MESSAGE } from "../../src/core/docent-core.ts";
import type { Logger } from "../../src/logger.ts";
import type { SlackMessage } from "./render-answer-blocks.ts";

type WebClient = webApi.WebClient;

/** Where a reply goes and whom it is for. */
export interface ThreadTarget {
  channel: string;
  threadTs: string;
  user: string;
  teamId: string | null;
  isDirect: boolean;
}

/**
 * What this workspace's token turned out to allow, shared by all replies: once Slack says a method is
 * missing a scope or unavailable to this app, later questions skip straight to the fallback.
 */
export interface SlackFeatures {
  status: boolean;
  streaming: boolean;
}

export interface ThreadReply {
  /** The first visible sign of work: the thread's loading status, else a placeholder message. */
  showWorking(): Promise<void>;
  /** Tells the asker the question waits in line because every answering slot is busy. */
  showQueued(position: number): void;
  /** Streams generated text into the thread (ignored when a placeholder stands in for the answer). */
  append(markdown: string): void;
  /**
   * Ends the reply with the final message. `text` is what the message must say; `render(withText)` gives
   * the full rendering, or (withText false) only what follows text that already streamed in unchanged.
   * Returns the message's ts, or null when Slack refused every way of posting it.
   */
  finish(final: { text: string; render: (withText: boolean) => SlackMessage }): Promise<string | null>;
}

export const WORKING_STATUS = "is looking through the knowledge base…";
export const QUEUED_STATUS = "is waiting in line…";
export const PLACEHOLDER_TEXT = "_Looking through the knowledge base…_";
/** Errors that will not go away on a retry: the app lacks the scope or the feature. */
const PERMANENT_ERRORS = new Set(["missing_scope", "not_allowed_token_type", "unknown_method", "method_deprecated", "feature_not_enabled", "not_enabled", "no_permission", "access_denied", "invalid_arguments"]);
/** markdown_text takes at most 12,000 characters per call. */
const MAX_MARKDOWN_CHARS = 10_000;

export interface ThreadReplyOptions {
  logger: Logger;
  features: SlackFeatures;
  /** Stream in pieces of about this size, or after this long, whichever comes first (Slack rate-limits appends). */
  flushChars?: number;
  flushMs?: number;
}

/**
 * The bot's one reply in a thread, from the first sign of work to the final message. The answer is
 * streamed with chat.startStream/appendStream/stopStream; whatever fails along the way falls back to
 * something plainer (a placeholder instead of the status, one message instead of the stream), so the
 * person always gets the final message or, at worst, a log line says why not.
 */
export function createThreadReply(client: WebClient, target: ThreadTarget, options: ThreadReplyOptions): ThreadReply {
  const { logger, features } = options;
  const flushChars = options.flushChars ?? 200;
  const flushMs = options.flushMs ?? 300;
  const where = { channel: target.channel, thread_ts: target.threadTs };
  const log = logger.child({ channel: target.channel, thread: target.threadTs });

  let placeholderTs: string | null = null;
  let statusShown = false;
  /** A status or placeholder change still on its way; the final message must not be overtaken by it. */
  let statusChange: Promise<unknown> = Promise.resolve();
  let streamTs: string | null = null;
  let streamFailed = !features.streaming;
  let pending = "";
  let streamed = "";
  let flushedOnce = false;
  let queue: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;

  const noteFailure = (error: unknown, feature: keyof SlackFeatures) => {
    const code = slackErrorCode(error);
    if (code && PERMANENT_ERRORS.has(code) && features[feature]) {
      features[feature] = false;
      log.warn({ method: feature, error: code }, `Slack refused ${feature === "status" ? "assistant.threads.setStatus" : "chat.startStream"} for this app; using the fallback from now on`);
    }
    return code ?? (error as Error).message;
  };

  const sendPending = async (): Promise<void> => {
    while (pending && !streamFailed) {
      const piece = pending.slice(0, MAX_MARKDOWN_CHARS);
      pending = pending.slice(piece.length);
      try {
        if (streamTs === null) {
          // Outside DMs Slack needs to know whom the stream is for.
          const recipients = target.isDirect ? {} : { recipient_user_id: target.user, ...(target.teamId ? { recipient_team_id: target.teamId } : {}) };
          const started = await client.chat.startStream({ ...where, ...recipients, markdown_text: defuseSlackTokens(piece) });
          if (!started.ts) throw new Error("chat.startStream returned no ts");
          streamTs = started.ts;
        } else {
          await client.chat.appendStream({ channel: target.channel, ts: streamTs, markdown_text: defuseSlackTokens(piece) });
        }
        streamed += piece;
      } catch (error) {
        streamFailed = true;
        log.warn({ err: noteFailure(error, "streaming") }, "streaming the answer failed; it will be posted as one message");
      }
    }
  };
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    queue = queue.then(sendPending);
    return queue;
  };

  const post = async (message: SlackMessage): Promise<string | null> => {
    try {
      return (await client.chat.postMessage({ ...where, ...message })).ts ?? null;
    } catch (error) {
      log.error({ err: slackErrorCode(error) ?? (error as Error).message }, "could not post the reply in the thread");
      return null;
    }
  };
  /** Replaces a message the bot posted (placeholder or stream) with the final rendering; posts anew if Slack refuses. */
  const replace = async (ts: string, message: SlackMessage): Promise<string | null> => {
    try {
      await client.chat.update({ channel: target.channel, ts, ...message });
      return ts;
    } catch (error) {
      log.warn({ err: slackErrorCode(error) ?? (error as Error).message }, "could not update the message; posting the reply anew");
      return post(message);
    }
  };

  return {
    async showWorking() {
      if (features.status) {
        try {
          await client.assistant.threads.setStatus({ channel_id: target.channel, thread_ts: target.threadTs, status: WORKING_STATUS });
          statusShown = true;
          return;
        } catch (error) {
          log.info({ err: noteFailure(error, "status") }, "could not set the thread's status; posting a placeholder");
        }
      }
      try {
        placeholderTs = (await client.chat.postMessage({ ...where, text: PLACEHOLDER_TEXT })).ts ?? null;
      } catch (error) {
        log.warn({ err: slackErrorCode(error) ?? (error as Error).message }, "could not post a placeholder either");
      }
    },

    showQueued(position) {
      const message = QUEUED_MESSAGE(position);
      const change = placeholderTs !== null
        ? client.chat.update({ channel: target.channel, ts: placeholderTs, text: `_${message}_` })
        : statusShown
          ? client.assistant.threads.setStatus({ channel_id: target.channel, thread_ts: target.threadTs, status: QUEUED_STATUS, loading_messages: [message] })
          : null;
      if (change) statusChange = change.catch((error: unknown) => log.debug({ err: slackErrorCode(error) ?? (error as Error).message }, "could not say that the question waits in line"));
    },

    append(markdown) {
      // A placeholder is updated once at the end; streaming next to it would show the answer twice.
      if (placeholderTs !== null || streamFailed || !markdown) return;
      pending += markdown;
      // The first words go out at once (they are what the person is waiting for), then in batches.
      if (!flushedOnce || pending.length >= flushChars) {
        flushedOnce = true;
        void flush();
      } else timer ??= setTimeout(() => void flush(), flushMs);
    },

    async finish(final) {
      if (timer) clearTimeout(timer);
      timer = null;
      await statusChange;
      // Always wait for the queue: a chat.startStream still in flight (say, waiting out a 429) must land
      // before deciding how to finish, or the answer would be posted twice.
      await flush();
      if (placeholderTs !== null) return replace(placeholderTs, final.render(true));
      if (streamTs === null) return post(final.render(true));
      if (!streamFailed && streamed === final.text) {
        // The text streamed in exactly as verified: append only the sources and buttons below it.
        try {
          await client.chat.stopStream({ channel: target.channel, ts: streamTs, blocks: final.render(false).blocks });
          return streamTs;
        } catch (error) {
          log.warn({ err: slackErrorCode(error) ?? (error as Error).message }, "could not finish the stream; replacing the message");
          return replace(streamTs, final.render(true));
        }
      }
      // Citations were renumbered, or the stream broke: end it and put the verified answer in its place.
      await client.chat.stopStream({ channel: target.channel, ts: streamTs }).catch((error: unknown) => {
        log.warn({ err: slackErrorCode(error) ?? (error as Error).message }, "could not stop the stream");
      });
      return replace(streamTs, final.render(true));
    },
  };
}

/** Slack's error code (`missing_scope`, `ratelimited`…) from a Web API error, when there is one. */
export function slackErrorCode(error: unknown): string | null {
  const data = (error as { data?: { error?: unknown } } | null)?.data;
  if (data && typeof data.error === "string") return data.error;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : null;
}

/** Streamed text is Markdown, not mrkdwn; only Slack's own tokens (`<!channel>`, `<@U…>`, `<#C…>`) are made inert. */
function defuseSlackTokens(text: string): string {
  return text.replace(/<(?=[!@#])/g, "<\u200b");
}
