import type { webApi } from "@slack/bolt";
import type { ChatReply } from "../../src/core/answer-in-thread.ts";
import type { Logger } from "../../src/logger.ts";
import { createMarkdownStream } from "./create-markdown-stream.ts";
import type { SlackFeatures } from "./create-slack-features.ts";
import { createWorkingSign } from "./create-working-sign.ts";
import { escapeMrkdwn } from "./escape-mrkdwn.ts";
import { renderAnswerBlocks, type SlackMessage } from "./render-answer-blocks.ts";
import { describeSlackError } from "./slack-error-code.ts";
import type { ThreadTarget } from "./thread-target.ts";

export interface SlackChatReplyOptions {
  logger: Logger;
  features: SlackFeatures;
  now?: () => number;
  flushChars?: number;
  flushMs?: number;
}

/**
 * The bot's one reply in a Slack thread, from the first sign of work to the final message: the loading
 * status (else a placeholder), the answer streamed with chat.startStream/appendStream/stopStream, then the
 * verified answer in Block Kit. Whatever fails along the way falls back to something plainer, so the
 * person always gets the final message or, at worst, a log line says why not.
 */
export function createSlackChatReply(client: webApi.WebClient, target: ThreadTarget, options: SlackChatReplyOptions): ChatReply {
  const now = options.now ?? Date.now;
  const log = options.logger.child({ channel: target.channel, thread: target.threadTs });
  const sign = createWorkingSign(client, target, { features: options.features, log });
  const stream = createMarkdownStream(client, target, { features: options.features, log, flushChars: options.flushChars, flushMs: options.flushMs });
  const messages = threadMessages(client, target, log);

  /** `render(withText)` gives the full message, or (withText false) what follows text that already streamed in unchanged. */
  const finish = async (text: string, render: (withText: boolean) => SlackMessage): Promise<string | null> => {
    await sign.settled();
    await stream.settle();
    const placeholderTs = sign.placeholderTs();
    if (placeholderTs !== null) return messages.replace(placeholderTs, render(true));
    const { ts, intact, streamed } = stream.state();
    if (ts === null) return messages.post(render(true));
    // The text streamed in exactly as verified: append only the sources and buttons below it.
    if (intact && streamed === text) return messages.stopStream(ts, render(false)).then((stopped) => (stopped ? ts : messages.replace(ts, render(true))));
    // Citations were renumbered, or the stream broke: end it and put the verified answer in its place.
    await messages.stopStream(ts);
    return messages.replace(ts, render(true));
  };

  return {
    showWorking: () => sign.show(),
    showQueued: (position) => sign.queued(position),
    append(markdown) {
      // A placeholder is updated once at the end; streaming next to it would show the answer twice.
      if (sign.placeholderTs() === null) stream.append(markdown);
    },
    async finishWithAnswer(answer) {
      const ts = await finish(answer.text, (withText) => renderAnswerBlocks(answer, { withText, now: now() }));
      return ts === null ? null : `${target.channel}:${ts}`;
    },
    async finishWithText(text) {
      await finish(text, () => plainMessage(text));
    },
  };
}

function plainMessage(text: string): SlackMessage {
  return { text: escapeMrkdwn(text), blocks: [{ type: "section", text: { type: "mrkdwn", text: escapeMrkdwn(text) } }] };
}

/** Posting, replacing and closing the bot's messages in one thread; each failure is logged, none thrown. */
function threadMessages(client: webApi.WebClient, target: ThreadTarget, log: Logger) {
  const post = async (message: SlackMessage): Promise<string | null> => {
    try {
      return (await client.chat.postMessage({ channel: target.channel, thread_ts: target.threadTs, ...message })).ts ?? null;
    } catch (error) {
      log.error({ err: describeSlackError(error) }, "could not post the reply in the thread");
      return null;
    }
  };
  return {
    post,
    /** Replaces a message the bot posted (placeholder or stream) with the final rendering; posts anew if Slack refuses. */
    async replace(ts: string, message: SlackMessage): Promise<string | null> {
      try {
        await client.chat.update({ channel: target.channel, ts, ...message });
        return ts;
      } catch (error) {
        log.warn({ err: describeSlackError(error) }, "could not update the message; posting the reply anew");
        return post(message);
      }
    },
    /** Ends a stream, with the blocks to add below its text when given; false when Slack refused. */
    async stopStream(ts: string, below?: SlackMessage): Promise<boolean> {
      try {
        await client.chat.stopStream({ channel: target.channel, ts, ...(below ? { blocks: below.blocks } : {}) });
        return true;
      } catch (error) {
        log.warn({ err: describeSlackError(error) }, below ? "could not finish the stream; replacing the message" : "could not stop the stream");
        return false;
      }
    },
  };
}
