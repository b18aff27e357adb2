import type { Activity } from "botbuilder";
import { answerInThread, type ChatReply } from "../../src/core/answer-in-thread.ts";
import { QUEUED_MESSAGE, type DocentCore } from "../../src/core/docent-core.ts";
import type { Logger } from "../../src/logger.ts";
import type { ConversationSender } from "./create-conversation-sender.ts";
import type { TeamsQuestion } from "./read-teams-question.ts";
import { renderAnswerActivity } from "./render-answer-activity.ts";
import { teamsAnswerRef } from "./teams-answer-ref.ts";
import { startAnswerStream, type AnswerStream } from "./start-answer-stream.ts";

const INFORMATIVE = "Searching the knowledge base…";

export interface AnswerTeamsQuestionOptions {
  core: DocentCore;
  logger: Logger;
  sender: ConversationSender;
  /** Stream the answer with Teams' streaming protocol (1:1 chats only, one stream per chat at a time). */
  stream: boolean;
  streamIntervalMs?: number;
}

/** One question, answered through the flow every chat platform shares (src/core/answer-in-thread.ts). */
export function answerTeamsQuestion({ question }: TeamsQuestion, options: AnswerTeamsQuestionOptions): Promise<void> {
  return answerInThread(question, createTeamsChatReply(question.conversation, options), { core: options.core, logger: options.logger });
}

/**
 * Teams' side of a reply: a typing activity at once (the informative stream update in 1:1 chats), the
 * answer rendered as Teams' AI message, and the message's reference for the feedback buttons.
 */
function createTeamsChatReply(conversation: string, options: AnswerTeamsQuestionOptions): ChatReply {
  const { sender } = options;
  const log = options.logger.child({ conversation });
  let stream: AnswerStream | null = null;
  const finish = (activity: Partial<Activity>) => (stream ? stream.finish(activity) : sender.send(activity));
  return {
    async showWorking() {
      if (options.stream) stream = startAnswerStream(sender, { informative: INFORMATIVE, intervalMs: options.streamIntervalMs, logger: log });
      else sender.send({ type: "typing" }).catch((error: Error) => log.warn({ err: error.message }, "could not send the typing sign to Teams"));
    },
    showQueued(position) {
      // In a 1:1 chat the stream's informative update already shows that work is under way.
      if (stream) return;
      sender.send({ type: "message", text: QUEUED_MESSAGE(position) }).catch((error: Error) => log.warn({ err: error.message }, "could not say that the question waits in line"));
    },
    append(markdown) {
      stream?.append(markdown);
    },
    async finishWithAnswer(answer) {
      const messageId = await finish(renderAnswerActivity(answer));
      // No id: a stream the user stopped, or a connector that returned none; no feedback can reach it.
      return messageId ? teamsAnswerRef(conversation, messageId) : null;
    },
    async finishWithText(text) {
      await finish({ type: "message", text });
    },
  };
}
