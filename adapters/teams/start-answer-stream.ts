import type { Logger } from "../../src/logger.ts";
import type { ConversationSender, OutgoingActivity } from "./create-conversation-sender.ts";

/** Teams asks for 1.5–2 s between streaming requests, or it throttles and the stream stutters. */
export const STREAM_INTERVAL_MS = 1500;

export interface AnswerStream {
  /** Adds generated text; Teams receives the whole text so far, at most once per interval. */
  append(delta: string): void;
  /**
   * Ends the stream with the final message (Teams shows the AI label, citations and feedback buttons
   * only there). Resolves with the message's id — the stream id — or undefined when Teams stopped the
   * stream (the user pressed Stop) and nothing more may be posted.
   */
  finish(final: OutgoingActivity): Promise<string | undefined>;
}

export interface AnswerStreamOptions {
  /** Shown in Teams' progress bar until text arrives (at most 1000 characters). */
  informative: string;
  intervalMs?: number;
  logger: Logger;
}

type StreamType = "informative" | "streaming" | "final";

/**
 * Teams' streaming protocol for 1:1 chats: an informative `typing` activity (streamSequence 1) whose
 * response carries the stream id, then cumulative `streaming` typing activities with increasing
 * sequence numbers, then the final `message` with streamType "final" and no sequence. Requests go one
 * at a time, each after the previous one answered. If the stream breaks, the answer still arrives as an
 * ordinary message; if Teams refuses it (403: stopped by the user, or past two minutes), nothing more is sent.
 *
 * Not the Agents SDK's StreamingResponse (1.8.1), whose wire output differs from Teams' protocol and from
 * what this bot sent so far: it sends through TurnContext, which deletes the final message's `id` (the
 * stream id) and posts every part as a reply to the question; it numbers the final message too; on the
 * final message it replaces channelData with the retired `feedbackLoopEnabled` form (dropping
 * `feedbackLoop: {type: "default"}`); its own citations cannot carry keywords or icons and clip abstracts
 * at 477 characters where Teams allows 160; and it cannot run after the turn without its TurnContext.
 */
export function startAnswerStream(sender: ConversationSender, options: AnswerStreamOptions): AnswerStream {
  const { logger } = options;
  const intervalMs = options.intervalMs ?? STREAM_INTERVAL_MS;
  let streamId: string | undefined;
  let sequence = 0;
  let text = "";
  let sentText = "";
  let lastSentAt = 0;
  let timer: NodeJS.Timeout | undefined;
  let ended = false;
  let stopped = false;
  let broken = false;

  const streamInfo = (streamType: StreamType) => {
    const info = { streamType, ...(streamType === "final" ? {} : { streamSequence: sequence }), ...(streamId ? { streamId } : {}) };
    // The entity is the protocol; channelData repeats it for clients that predate the entity.
    return { entities: [{ type: "streaminfo", ...info }], channelData: info };
  };

  const failed = (error: unknown, what: string) => {
    // The SDK's HttpError carries the connector's status.
    if ((error as { status?: number }).status === 403) {
      stopped = true;
      logger.info({ err: (error as Error).message }, "Teams ended the stream (stopped by the user, or too long); sending nothing more");
    } else {
      broken = true;
      logger.warn({ err: (error as Error).message }, `Teams streaming ${what} failed; the answer will arrive as one message`);
    }
  };

  const schedule = () => {
    if (timer || ended || stopped || broken) return;
    timer = setTimeout(
      () => {
        timer = undefined;
        queue = queue.then(flush);
      },
      Math.max(0, lastSentAt + intervalMs - Date.now()),
    );
  };

  const flush = async () => {
    if (ended || stopped || broken || !streamId || text === sentText || !text.trim()) return;
    // The first update may have been asked for before the informative one was answered: keep the pace.
    if (Date.now() < lastSentAt + intervalMs) return schedule();
    sequence += 1;
    const snapshot = text;
    try {
      const { entities, channelData } = streamInfo("streaming");
      await sender.send({ type: "typing", id: streamId, text: snapshot, entities, channelData }, { reply: false });
      sentText = snapshot;
    } catch (error) {
      failed(error, "update");
    } finally {
      lastSentAt = Date.now();
    }
    if (text !== sentText) schedule();
  };

  sequence = 1;
  const informative = streamInfo("informative");
  let queue: Promise<void> = sender
    .send({ type: "typing", text: options.informative, entities: informative.entities, channelData: informative.channelData }, { reply: false })
    .then((id) => {
      streamId = id;
      if (!id) failed(new Error("the connector returned no stream id"), "start");
    })
    .catch((error: unknown) => failed(error, "start"))
    .finally(() => {
      lastSentAt = Date.now();
    });

  return {
    append(delta) {
      if (ended) return;
      text += delta;
      schedule();
    },
    async finish(final) {
      ended = true;
      clearTimeout(timer);
      timer = undefined;
      await queue;
      if (stopped) return undefined;
      if (streamId && !broken) {
        try {
          const { entities, channelData } = streamInfo("final");
          const sent = await sender.send(
            {
              ...final,
              type: "message",
              id: streamId,
              entities: [...(final.entities ?? []), ...entities],
              channelData: { ...final.channelData, ...channelData },
            },
            { reply: false },
          );
          // Teams answers the final request with 202 {}: the message keeps the stream's id.
          return sent ?? streamId;
        } catch (error) {
          failed(error, "final message");
          if (stopped) return undefined;
        }
      }
      return sender.send(final);
    },
  };
}
