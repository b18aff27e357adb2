import type { Logger } from "../../src/logger.ts";
import type { ConversationSender, OutgoingActivity } from "./create-conversation-sender.ts";
import { paceUpdates } from "./pace-updates.ts";

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
  const stream = streamState(options.logger);
  const opened = sender
    .send({ type: "typing", text: options.informative, ...streamInfo("informative", stream.sequence, undefined) }, { reply: false })
    .then((id) => {
      stream.id = id;
      if (!id) stream.fail(new Error("the connector returned no stream id"), "start");
      return Boolean(id);
    })
    .catch((error: unknown) => (stream.fail(error, "start"), false));
  const updates = paceUpdates(opened, (text) => sendUpdate(sender, stream, text), options.intervalMs ?? STREAM_INTERVAL_MS);

  let text = "";
  let ended = false;
  return {
    append(delta) {
      if (ended) return;
      text += delta;
      updates.set(text);
    },
    async finish(final) {
      ended = true;
      await updates.close();
      return sendFinal(sender, stream, final);
    },
  };
}

interface StreamState {
  id: string | undefined;
  sequence: number;
  /** Teams refused the stream (403): nothing more may be posted. */
  stopped: boolean;
  /** A request failed otherwise: the answer goes out as an ordinary message. */
  broken: boolean;
  fail(error: unknown, what: string): void;
}

function streamState(logger: Logger): StreamState {
  const state: StreamState = {
    id: undefined,
    sequence: 1,
    stopped: false,
    broken: false,
    fail(error, what) {
      // The SDK's HttpError carries the connector's status.
      if ((error as { status?: number }).status === 403) {
        state.stopped = true;
        logger.info({ err: (error as Error).message }, "Teams ended the stream (stopped by the user, or too long); sending nothing more");
      } else {
        state.broken = true;
        logger.warn({ err: (error as Error).message }, `Teams streaming ${what} failed; the answer will arrive as one message`);
      }
    },
  };
  return state;
}

async function sendUpdate(sender: ConversationSender, stream: StreamState, text: string): Promise<boolean> {
  stream.sequence += 1;
  try {
    await sender.send({ type: "typing", id: stream.id, text, ...streamInfo("streaming", stream.sequence, stream.id) }, { reply: false });
    return true;
  } catch (error) {
    stream.fail(error, "update");
    return false;
  }
}

/** The final message ends the stream under its id; a broken stream's answer goes out as a message of its own. */
async function sendFinal(sender: ConversationSender, stream: StreamState, final: OutgoingActivity): Promise<string | undefined> {
  if (stream.stopped) return undefined;
  if (stream.id && !stream.broken) {
    try {
      const { entities, channelData } = streamInfo("final", stream.sequence, stream.id);
      const message = {
        ...final,
        type: "message",
        id: stream.id,
        entities: [...(final.entities ?? []), ...entities],
        channelData: { ...final.channelData, ...channelData },
      };
      // Teams answers the final request with 202 {}: the message keeps the stream's id.
      return (await sender.send(message, { reply: false })) ?? stream.id;
    } catch (error) {
      stream.fail(error, "final message");
      if (stream.stopped) return undefined;
    }
  }
  return sender.send(final);
}

/** The stream's place in Teams' protocol: the entity is the protocol; channelData repeats it for older clients. */
function streamInfo(streamType: StreamType, sequence: number, streamId: string | undefined) {
  const info = { streamType, ...(streamType === "final" ? {} : { streamSequence: sequence }), ...(streamId ? { streamId } : {}) };
  return { entities: [{ type: "streaminfo", ...info }], channelData: info };
}
