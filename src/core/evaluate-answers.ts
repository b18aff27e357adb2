import { type EvalQuestion, normalizeForMatch } from "../retrieval/evaluate-retrieval.ts";
import { termSet } from "../shared/content-terms.ts";
import type { Answer } from "./types.ts";

/** An answer "holds" the expected one when it has at least this share of the quote's content words. */
export const HOLDS_ANSWER_SHARE = 0.6;

export interface AnswersReport {
  /** Answerable questions (a non-empty `relevant` list). */
  answerable: number;
  /** Answerable questions the pipeline declined. */
  wronglyDeclined: number;
  unanswerable: { questions: number; declined: number };
  /** Over answered answerable questions: the share of cited documents that are relevant, averaged. */
  citationPrecision: number;
  /** Over answerable questions: how often the answer's citation [1] is a relevant document (a decline counts as a miss). */
  firstCitationRelevant: number;
  /** Over answerable questions with an `answer` quote: how often the answer holds the quote's key words. */
  holdsAnswer: number | null;
  /** Over all answers given (declines aside): the share whose every sentence passed the grounding check. */
  grounded: number;
  perQuestion: {
    id: string;
    mode: Answer["mode"];
    /** The answer as the asker reads it, so a team can review what a changed figure means. */
    text: string;
    citedDocIds: string[];
    firstCitationRelevant: boolean | null;
    holdsAnswer: boolean | null;
    /** The grounding check's verdict; null for a decline. */
    grounded: boolean | null;
  }[];
}

/**
 * Runs the whole answering pipeline on a question set and judges what an asker would see: whether it
 * answered when it should (and declined when the knowledge base has nothing), whether it cited the right
 * documents, and whether the answer says what the set's quote says.
 */
export async function evaluateAnswers(questions: EvalQuestion[], answer: (question: string) => Promise<Answer>): Promise<AnswersReport> {
  const perQuestion: AnswersReport["perQuestion"] = [];
  let answerable = 0;
  let wronglyDeclined = 0;
  let unanswerable = 0;
  let declined = 0;
  let answered = 0;
  let precision = 0;
  let firstRelevant = 0;
  let quoted = 0;
  let holds = 0;
  let given = 0;
  let grounded = 0;
  for (const question of questions) {
    const result = await answer(question.question);
    const isDecline = result.mode === "no-answer";
    const citedDocIds = result.citations.map((c) => c.docId);
    const entry: AnswersReport["perQuestion"][number] = {
      id: question.id,
      mode: result.mode,
      text: result.text,
      citedDocIds,
      firstCitationRelevant: null,
      holdsAnswer: null,
      grounded: isDecline ? null : result.grounded,
    };
    perQuestion.push(entry);
    if (!isDecline) {
      given++;
      if (result.grounded) grounded++;
    }
    if (question.relevant.length === 0) {
      unanswerable++;
      if (isDecline) declined++;
      continue;
    }
    answerable++;
    if (question.answer) {
      quoted++;
      entry.holdsAnswer = !isDecline && holdsKeyWords(result.text, question.answer);
      if (entry.holdsAnswer) holds++;
    }
    if (isDecline) {
      wronglyDeclined++;
      continue;
    }
    answered++;
    const relevant = new Set(question.relevant);
    const cited = [...new Set(citedDocIds)];
    precision += cited.length ? cited.filter((docId) => relevant.has(docId)).length / cited.length : 0;
    entry.firstCitationRelevant = citedDocIds.length > 0 && relevant.has(citedDocIds[0]!);
    if (entry.firstCitationRelevant) firstRelevant++;
  }
  return {
    answerable,
    wronglyDeclined,
    unanswerable: { questions: unanswerable, declined },
    citationPrecision: answered ? precision / answered : 0,
    firstCitationRelevant: answerable ? firstRelevant / answerable : 0,
    holdsAnswer: quoted ? holds / quoted : null,
    grounded: given ? grounded / given : 0,
    perQuestion,
  };
}

/**
 * Whether `text` contains at least HOLDS_ANSWER_SHARE of the distinct content words of `quote` (stemmed).
 * Both are read as a reader sees them, as for answer-in-top-k: a link's address is not words of the answer.
 */
export function holdsKeyWords(text: string, quote: string): boolean {
  const wanted = termSet(normalizeForMatch(quote));
  if (wanted.size === 0) return false;
  const have = termSet(normalizeForMatch(text));
  const found = [...wanted].filter((term) => have.has(term)).length;
  return found / wanted.size >= HOLDS_ANSWER_SHARE;
}
