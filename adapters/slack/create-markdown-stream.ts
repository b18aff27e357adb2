import type { webApi } from "@slack/bolt";
import type { Logger } from "../../src/logger.ts";
import type { SlackFeatures } from "./create-slack-features.ts";
import type { ThreadTarget } from "./thread-target.ts";

/** markdown_text takes at most 12,000 characters per call. */
const MAX_MARKDOWN_CHARS = 10_000;

export interface MarkdownStreamOptions {
  features: SlackFeatures;
  log: Logger;
  /** Stream in pieces of about this size, or after this long, whichever comes first (Slack rate-limits appends). */
  flushChars?: number;
  flushMs?: number;
}

export interface MarkdownStream {
  append(markdown: string): void;
  /**
   * Sends what is pending and waits for every call in flight: a chat.startStream still waiting out a 429
   * must land before the reply decides how to finish, or the answer would be posted twice.
   */
  settle(): Promise<void>;
  /** The streamed message (null before chat.startStream answered), and the text it shows when it never broke. */
  state(): { ts: string | null; intact: boolean; streamed: string };
}

/**
 * Generated text streamed into the thread with chat.startStream/appendStream: the first words at once,
 * then in batches. A failure ends the streaming (the reply then posts the answer as one message).
 */
export function createMarkdownStream(client: webApi.WebClient, target: ThreadTarget, options: MarkdownStreamOptions): MarkdownStream {
  const { features, log } = options;
  const flushChars = options.flushChars ?? 200;
  const flushMs = options.flushMs ?? 300;
  let ts: string | null = null;
  let failed = !features.allows("streaming");
  let pending = "";
  let streamed = "";
  let flushedOnce = false;
  let queue: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;

  const sendPending = async () => {
    while (pending && !failed) {
      const piece = pending.slice(0, MAX_MARKDOWN_CHARS);
      pending = pending.slice(piece.length);
      try {
        ts = await sendPiece(client, target, ts, piece);
        streamed += piece;
      } catch (error) {
        failed = true;
        log.warn({ err: features.failed("streaming", error) }, "streaming the answer failed; it will be posted as one message");
      }
    }
  };
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    queue = queue.then(sendPending);
    return queue;
  };

  return {
    append(markdown) {
      if (failed || !markdown) return;
      pending += markdown;
      // The first words go out at once (they are what the person is waiting for), then in batches.
      if (!flushedOnce || pending.length >= flushChars) {
        flushedOnce = true;
        void flush();
      } else timer ??= setTimeout(() => void flush(), flushMs);
    },
    settle: flush,
    state: () => ({ ts, intact: !failed, streamed }),
  };
}

/** Starts the stream with the first piece, or appends to it; resolves with the stream's message ts. */
async function sendPiece(client: webApi.WebClient, target: ThreadTarget, ts: string | null, piece: string): Promise<string> {
  if (ts !== null) {
    await client.chat.appendStream({ channel: target.channel, ts, markdown_text: defuseSlackTokens(piece) });
    return ts;
  }
  // Outside DMs Slack needs to know whom the stream is for.
  const recipients = target.isDirect ? {} : { recipient_user_id: target.user, ...(target.teamId ? { recipient_team_id: target.teamId } : {}) };
  const started = await client.chat.startStream({
    channel: target.channel,
    thread_ts: target.threadTs,
    ...recipients,
    markdown_text: defuseSlackTokens(piece),
  });
  if (!started.ts) throw new Error("chat.startStream returned no ts");
  return started.ts;
}

/** Streamed text is Markdown, not mrkdwn; only Slack's own tokens (`<!channel>`, `<@U…>`, `<#C…>`) are made inert. */
function defuseSlackTokens(text: string): string {
  return text.replace(/<(?=[!@#])/g, "<\u200b");
}
