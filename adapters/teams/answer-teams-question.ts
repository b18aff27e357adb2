import { QUEUED_MESSAGE, type DocentCore } from "../../src/core/docent-core.ts";
import type { Answer } from "../../src/core/types.ts";
import type { Logger } from "../../src/logger.ts";
import type { ConversationSender } from "./create-conversation-sender.ts";
import type { TeamsQuestion } from "./read-teams-question.ts";
import { renderAnswerActivity } from "./render-answer-activity.ts";
import { teamsAnswerRef } from "./teams-answer-ref.ts";
import { startAnswerStream, type AnswerStream } from "./start-answer-stream.ts";

export const APOLOGY = "Sorry, I couldn't answer that just now. Please try again in a minute.";
export const BARE_MENTION_HINT = "Ask me a question about our documents, for example: “How do I submit an expense report?” I answer with links to the sources.";
const INFORMATIVE = "Searching the knowledge base…";

export interface AnswerTeamsQuestionOptions {
  core: DocentCore;
  logger: Logger;
  sender: ConversationSender;
  /** Stream the answer with Teams' streaming protocol (1:1 chats only, one stream per chat at a time). */
  stream: boolean;
  streamIntervalMs?: number;
}

/**
 * One question, from working sign to answer: a typing activity at once (the informative stream update
 * in 1:1 chats), the answer from the core, rendered as Teams' AI message, and the message id linked to
 * the answer so the feedback buttons find it. Runs after the HTTP response went out, so it never throws:
 * a failure is said in the conversation and detailed in the log.
 */
export async function answerTeamsQuestion({ question }: TeamsQuestion, options: AnswerTeamsQuestionOptions): Promise<void> {
  const { core, logger, sender } = options;
  const log = logger.child({ conversation: question.conversation });
  if (!question.text) {
    await sender.send({ type: "message", text: BARE_MENTION_HINT }).catch((error: Error) => log.error({ err: error.message }, "could not send the hint to Teams"));
    return;
  }

  let stream: AnswerStream | null = null;
  if (options.stream) stream = startAnswerStream(sender, { informative: INFORMATIVE, intervalMs: options.streamIntervalMs, logger: log });
  else sender.send({ type: "typing" }).catch((error: Error) => log.warn({ err: error.message }, "could not send the typing sign to Teams"));

  let answer: Answer;
  try {
    answer = await core.ask(question, {
      onDelta: stream ? (delta) => stream.append(delta) : undefined,
      // In a 1:1 chat the stream's informative update already shows that work is under way; elsewhere
      // the asker is told the question waits in line.
      onQueued: stream
        ? undefined
        : (position) => void sender.send({ type: "message", text: QUEUED_MESSAGE(position) }).catch((error: Error) => log.warn({ err: error.message }, "could not say that the question waits in line")),
    });
  } catch (error) {
    log.error({ err: error }, "the core could not answer a Teams question");
    const apology = { type: "message", text: APOLOGY };
    await (stream ? stream.finish(apology) : sender.send(apology)).catch((sendError: Error) => log.error({ err: sendError.message }, "could not send the apology to Teams"));
    return;
  }

  try {
    const activity = renderAnswerActivity(answer);
    const messageId = stream ? await stream.finish(activity) : await sender.send(activity);
    if (messageId) await core.feedback.linkAnswer(answer.id, teamsAnswerRef(question.conversation, messageId));
    else log.info({ answerId: answer.id }, "the answer has no Teams message id (a stopped stream, or none returned): no feedback can reach it");
  } catch (error) {
    log.error({ err: error, answerId: answer.id }, "could not deliver an answer to Teams");
  }
}
