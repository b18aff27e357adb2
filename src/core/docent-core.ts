import type { FeedbackStore } from "../feedback/feedback-store.ts";
import { createVerifiedAnswers, type VerifiedAnswers } from "../feedback/verified-answers.ts";
import type { Logger } from "../logger.ts";
import { randomUUID } from "node:crypto";
import { createWorkTracker, type WorkTracker } from "../shared/create-work-tracker.ts";
import { createAdmission } from "./admission.ts";
import { answerQuestion, type AnswerOptions, type CoreDependencies } from "./answer-question.ts";
import { createMemoryState } from "../state/memory-state.ts";
import type { SharedState } from "../state/shared-state.ts";
import { createThreadMemory } from "./thread-memory.ts";
import { createOwnerRouting, type OwnerRouting } from "./route-to-owners.ts";
import type { Answer, Question, Turn } from "./types.ts";
import { warmUp } from "./warm-up.ts";

/** Longest question passed on; longer ones are cut, and the answer says so. */
export const MAX_QUESTION_CHARS = 2000;

/**
 * The one boundary every adapter talks to: ask a question, record feedback. It remembers each thread's
 * turns (so adapters may leave `history` empty) and keeps every answer for the feedback that may follow.
 */
export interface AskOptions extends AnswerOptions {
  /** Told the position in line when every answering slot is busy, so the adapter can tell the asker. */
  onQueued?: (position: number) => void;
}

export interface DocentCore {
  ask(question: Question, options?: AskOptions): Promise<Answer>;
  /** Resolves when every answer in flight is done (graceful shutdown). */
  drain(): Promise<void>;
  /** Whether the core has answered in this thread before (Slack answers follow-ups there without a mention). */
  knowsThread(question: Pick<Question, "platform" | "conversation" | "thread">): Promise<boolean>;
  /** Restores a thread's turns that the platform still has but no replica remembers (Slack's thread history). */
  rememberThread(question: Pick<Question, "platform" | "conversation" | "thread">, turns: Turn[]): Promise<void>;
  /** The turns this core remembers of a thread, oldest first (empty when none): what a Teams message action reads its question from. */
  threadTurns(question: Pick<Question, "platform" | "conversation" | "thread">): Promise<Turn[]>;
  feedback: FeedbackStore;
  /** The experts' verified answers: saved, edited and retired by the adapters, answered from like any document. */
  verified: VerifiedAnswers;
  /** Posts a 👎 with a reason to the owners of the cited documents (adapters give the platform's delivery). */
  owners: OwnerRouting;
  logger: Logger;
  /** A short description of the generator, for banners and health: "extractive" or the model name. */
  generatorName: string;
  /** Opens the index and starts the answer's model before the first question (warmUp); never fails. */
  warmUp(): Promise<void>;
}

export interface CoreLimits {
  maxConcurrent?: number;
  perUserPerMinute?: number;
}

export const QUEUED_MESSAGE = (position: number) =>
  position === 1 ? "Lots of questions right now: yours is next in line." : `Lots of questions right now: yours is number ${position} in line.`;

export interface CoreOptions {
  /** Thread memory and rate limits live here: this process's memory unless several replicas share Redis. */
  state?: SharedState;
  limits?: CoreLimits;
  inFlight?: WorkTracker;
  /** Default: stored in the index's LanceDB and re-indexed by this process. */
  verified?: VerifiedAnswers;
}

export function createDocentCore(deps: CoreDependencies, feedback: FeedbackStore, options: CoreOptions = {}): DocentCore {
  const state = options.state ?? createMemoryState();
  const memory = createThreadMemory(state);
  const admission = createAdmission({ maxConcurrent: options.limits?.maxConcurrent ?? 8, perUserPerMinute: options.limits?.perUserPerMinute ?? 20, state });
  const inFlight = options.inFlight ?? createWorkTracker();
  const threadKey = (q: Pick<Question, "platform" | "conversation" | "thread">) => `${q.platform}:${q.conversation}:${q.thread}`;
  return {
    logger: deps.logger,
    feedback,
    verified: options.verified ?? createVerifiedAnswers({ index: deps.index, embedder: deps.embedder, logger: deps.logger, writer: true }),
    generatorName: deps.generator.name,
    owners: createOwnerRouting({ index: deps.index, feedback, state, logger: deps.logger }),
    knowsThread: (q) => memory.has(threadKey(q)),
    rememberThread: (q, turns) => memory.append(threadKey(q), ...turns),
    threadTurns: (q) => memory.get(threadKey(q)),
    warmUp: () => warmUp(deps),
    async drain() {
      await inFlight.drain();
    },
    ask: (question, askOptions = {}) => inFlight.track(answerAdmitted(question, askOptions)),
  };

  async function answerAdmitted(question: Question, askOptions: AskOptions): Promise<Answer> {
    if (!(await admission.allow(`${question.platform}:${question.user}`))) {
      deps.logger.warn({ platform: question.platform }, "a user went over the question rate limit");
      return politeRefusal("You're asking questions faster than I can keep up with. Please wait a minute and ask again.");
    }
    const release = await admission.acquire(askOptions.onQueued);
    try {
      return await answerNow(question, askOptions);
    } finally {
      release();
    }
  }

  async function answerNow(question: Question, answerOptions: AnswerOptions): Promise<Answer> {
    // Control characters (other than line breaks and tabs) carry no meaning in a question and can break renderers.
    const clean = question.text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u2028-\u202E\u2066-\u2069]/g, "");
    const truncated = clean.length > MAX_QUESTION_CHARS;
    const text = truncated ? clean.slice(0, MAX_QUESTION_CHARS) : clean;
    const history = question.history.length ? question.history : await memory.get(threadKey(question));
    const answer = await answerQuestion({ ...question, text, history }, deps, answerOptions);
    if (truncated) answer.text = `${answer.text}\n\n_(Your question was long, so only its first ${MAX_QUESTION_CHARS} characters were used.)_`;
    await memory.append(threadKey(question), { role: "user", text }, { role: "assistant", text: answer.text });
    // Feedback on an answer that could not be stored is impossible, but the answer itself must not be lost.
    await feedback
      .saveAnswer(answer, { ...question, text })
      .catch((error: Error) => deps.logger.error({ err: error.message }, "could not store the answer for feedback"));
    return answer;
  }
}

function politeRefusal(text: string): Answer {
  return { id: randomUUID(), text, citations: [], grounded: true, mode: "no-answer", unsupported: [], query: "" };
}
