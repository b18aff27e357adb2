import type { Logger } from "../logger.ts";
import type { DocentCore } from "./docent-core.ts";
import type { Answer, Platform, Question } from "./types.ts";

/** The bot's one reply in a conversation thread, as a platform renders and sends it. */
export interface ChatReply {
  /** First visible sign of work (status, typing, informative stream update, placeholder). */
  showWorking(): Promise<void>;
  /** The question waits in line because every answering slot is busy (position 1 = next). */
  showQueued(position: number): void;
  /** Streams generated markdown (a platform may ignore it). */
  append(markdown: string): void;
  /** Ends the reply with the answer, rendered with citations, sources and feedback buttons. Returns the reference that feedback on this message will carry (e.g. `channel:ts`), or null when nothing could be posted. */
  finishWithAnswer(answer: Answer): Promise<string | null>;
  /** Ends the reply with plain text: the hint for an empty question, or the apology. */
  finishWithText(text: string): Promise<void>;
}

/** Said to a bare mention ("@Docent" and nothing else) on every platform. */
export const EMPTY_QUESTION_HINT = "Hi! Ask me a question about the company's policies and documents, and I'll answer with links to the sources.";
/** Said when the core fails, on every platform: what to do, never the error itself (that goes to the log). */
export const APOLOGY = "Sorry, I couldn't answer that just now. Please try again in a minute; if it keeps happening, tell your Docent admin.";

const PLATFORM_NAMES: Record<Platform, string> = { slack: "Slack", teams: "Teams", web: "playground", cli: "command-line" };

export interface AnswerInThreadDependencies {
  core: Pick<DocentCore, "ask" | "feedback">;
  logger: Logger;
}

/**
 * Answers one question in its thread, the same way on every chat platform: a sign of work at once, the
 * answer streamed as the core writes it, then the verified answer with its sources and feedback buttons,
 * linked to the posted message so feedback finds it. A bare mention gets the hint. When the core fails
 * the thread gets the apology and the log the error. Runs after the platform's request was acknowledged,
 * so it never throws: nothing fails silently, and nothing fails loudly where no one listens.
 */
export async function answerInThread(question: Question, reply: ChatReply, deps: AnswerInThreadDependencies): Promise<void> {
  const started = performance.now();
  const name = PLATFORM_NAMES[question.platform];
  const log = withPlatform(deps.logger, question.platform).child({ conversation: question.conversation, thread: question.thread });
  const say = (text: string) => reply.finishWithText(text).catch((error: unknown) => log.error({ err: error }, `could not reply in a ${name} thread`));
  if (!question.text.trim()) {
    await say(EMPTY_QUESTION_HINT);
    return;
  }
  let answer: Answer;
  try {
    await reply.showWorking();
    answer = await deps.core.ask(question, { onDelta: (delta) => reply.append(delta), onQueued: (position) => reply.showQueued(position) });
  } catch (error) {
    log.error({ err: error }, `could not answer a ${name} question; apologized in the thread`);
    await say(APOLOGY);
    return;
  }
  let ref: string | null = null;
  try {
    ref = await reply.finishWithAnswer(answer);
  } catch (error) {
    log.error({ err: error, answer: answer.id }, `could not deliver an answer to ${name}`);
  }
  if (ref) {
    // The buttons carry the answer id; the link lets feedback that names the message find the answer too.
    await deps.core.feedback.linkAnswer(answer.id, ref).catch((error: Error) => log.warn({ err: error.message }, "could not link the answer to its message"));
  }
  log.info(
    {
      answer: answer.id,
      mode: answer.mode,
      citations: answer.citations.length,
      grounded: answer.grounded,
      ms: Math.round(performance.now() - started),
      posted: ref !== null,
    },
    `answered a ${name} question`,
  );
}

/** The adapters' loggers already carry `platform`; one that does not gets it here, so every line has it once. */
function withPlatform(logger: Logger, platform: Platform): Logger {
  return logger.bindings().platform === platform ? logger : logger.child({ platform });
}
