import type { DocentCore } from "../../src/core/docent-core.ts";
import type { Answer, Question } from "../../src/core/types.ts";
import type { Logger } from "../../src/logger.ts";
import type { ChatReply } from "./teams-reply.ts";

export const APOLOGY = "Sorry, I couldn't answer that just now. Please try again in a minute.";
export const BARE_MENTION_HINT = "Ask me a question about our documents, for example: “How do I submit an expense report?” I answer with links to the sources.";

/**
 * One question, from working sign to answer, driven over a ChatReply: the sign of work at once, the
 * answer from the core, and the posted message linked to the answer so its feedback finds it. A thin
 * local flow until the shared one in src/core replaces it; it never throws (it runs after the ack).
 */
export async function answerTeamsQuestion(question: Question, reply: ChatReply, options: { core: DocentCore; logger: Logger }): Promise<void> {
  const { core } = options;
  const log = options.logger.child({ conversation: question.conversation });
  if (!question.text) {
    await reply.finishWithText(BARE_MENTION_HINT);
    return;
  }
  let answer: Answer;
  try {
    await reply.showWorking();
    answer = await core.ask(question, { onDelta: (delta) => reply.append(delta), onQueued: (position) => reply.showQueued(position) });
  } catch (error) {
    log.error({ err: error }, "the core could not answer a Teams question");
    await reply.finishWithText(APOLOGY);
    return;
  }
  const ref = await reply.finishWithAnswer(answer);
  if (ref) await core.feedback.linkAnswer(answer.id, ref).catch((error: Error) => log.error({ err: error.message, answerId: answer.id }, "could not link the Teams message to its answer"));
}
