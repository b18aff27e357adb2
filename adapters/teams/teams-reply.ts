import type { ChatReply } from "../../src/core/answer-in-thread.ts";
import { QUEUED_MESSAGE } from "../../src/core/docent-core.ts";
import type { Logger } from "../../src/logger.ts";
import type { ConversationSender, OutgoingActivity } from "./create-conversation-sender.ts";
import { renderAnswerActivity } from "./render-answer-activity.ts";
import { startAnswerStream, type AnswerStream } from "./start-answer-stream.ts";
import { teamsAnswerRef } from "./teams-answer-ref.ts";

export const INFORMATIVE = "Searching the knowledge base…";

export interface TeamsReplyOptions {
  sender: ConversationSender;
  /** The conversation the feedback reference names (the channel or chat, not the reply chain). */
  conversation: string;
  /** Stream with Teams' streaming protocol (1:1 chats only, one stream per chat at a time). */
  stream: boolean;
  streamIntervalMs?: number;
  logger: Logger;
}

/**
 * A Teams reply: typing and one AI message in channels and group chats, the streaming protocol in 1:1
 * chats. It runs after the HTTP response went out, so nothing here throws: a failure to reach Teams is
 * logged, and an answer that could not be posted returns no feedback reference.
 */
export function createTeamsReply(options: TeamsReplyOptions): ChatReply {
  const { sender, logger } = options;
  let stream: AnswerStream | null = null;
  const deliver = (activity: OutgoingActivity) => (stream ? stream.finish(activity) : sender.send(activity));

  return {
    async showWorking() {
      if (options.stream) {
        stream ??= startAnswerStream(sender, { informative: INFORMATIVE, intervalMs: options.streamIntervalMs, logger });
        return;
      }
      // Not awaited: the answer need not wait for the connector to confirm the typing sign.
      sender.send({ type: "typing" }).catch((error: Error) => logger.warn({ err: error.message }, "could not send the typing sign to Teams"));
    },
    showQueued(position) {
      // In a 1:1 chat the stream's informative update already shows that work is under way.
      if (options.stream) return;
      sender
        .send({ type: "message", text: QUEUED_MESSAGE(position) })
        .catch((error: Error) => logger.warn({ err: error.message }, "could not say that the question waits in line"));
    },
    append(markdown) {
      stream?.append(markdown);
    },
    async finishWithAnswer(answer) {
      try {
        const messageId = await deliver(renderAnswerActivity(answer));
        if (messageId) return teamsAnswerRef(options.conversation, messageId);
        logger.info({ answerId: answer.id }, "the answer has no Teams message id (a stopped stream, or none returned): no feedback can reach it");
      } catch (error) {
        logger.error({ err: error, answerId: answer.id }, "could not deliver an answer to Teams");
      }
      return null;
    },
    async finishWithText(text) {
      await deliver({ type: "message", text }).catch((error: Error) => logger.error({ err: error.message }, "could not send a message to Teams"));
    },
  };
}
