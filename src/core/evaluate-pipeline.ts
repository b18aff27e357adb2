import type { EvalQuestion, EvalReport } from "../retrieval/evaluate-retrieval.ts";
import { evaluateRetrieval } from "../retrieval/evaluate-retrieval.ts";
import { searchIndex } from "../retrieval/search-index.ts";
import { answerQuestion, type CoreDependencies } from "./answer-question.ts";
import { audienceReaders } from "./audience-readers.ts";
import { evaluateAnswers, type AnswersReport } from "./evaluate-answers.ts";
import { ANSWER_CANDIDATES, retrieveForAnswer } from "./retrieve-for-answer.ts";

export type PipelineReport = EvalReport & { answers?: AnswersReport };

/**
 * `docent eval`: retrieval metrics on the passages search returns (documents ranked by their passages'
 * order), declines judged on what the answering pipeline would see, and with `answers` the whole
 * pipeline run question by question, as an asker would meet it.
 */
export async function evaluatePipeline(
  questions: EvalQuestion[],
  deps: CoreDependencies,
  options: { k: number; collections: string[] | null; answers: boolean },
): Promise<PipelineReport> {
  const { k, collections } = options;
  // Judged as a channel would see it: what everyone may read, like the answers below (no audience: shared).
  const readers = audienceReaders(undefined);
  const scope = collections ? { ...deps.scopes, "cli:eval": collections } : deps.scopes;
  // An unanswerable question is answered for its decline below and again with --answers: once is enough.
  const answered = new Map<string, ReturnType<typeof answerQuestion>>();
  const answer = (question: string) => {
    if (!answered.has(question))
      answered.set(
        question,
        answerQuestion({ platform: "cli", user: "eval", conversation: "eval", thread: "eval", text: question, history: [] }, { ...deps, scopes: scope }),
      );
    return answered.get(question)!;
  };
  const unanswerable = new Set(questions.filter((question) => question.relevant.length === 0).map((question) => question.question));
  const report: PipelineReport = await evaluateRetrieval(questions, k, async (question) => {
    // Enough passages to name at least 10 documents for MRR, even when one document dominates, ranked from as
    // many candidates as an answer's search: the figures are those of the retrieval the answers get.
    const hits = await searchIndex(deps.index, question, {
      k: Math.max(k, 10) * 3,
      candidates: ANSWER_CANDIDATES,
      collections,
      readers,
      embedder: deps.embedder,
      rerankBy: deps.rerankBy,
    });
    const retrieved = await retrieveForAnswer(question, deps, { collections, readers });
    // A generator that judges meaning declines what the gate let through for it to judge: the pipeline's decline is its answer's.
    const declined =
      retrieved.declined || (Boolean(deps.generator.judgesMeaning) && unanswerable.has(question) && (await answer(question)).mode === "no-answer");
    return { docIds: [...new Set(hits.map((hit) => hit.docId))], declined, passages: hits.slice(0, k).map((hit) => hit.text) };
  });
  if (options.answers) report.answers = await evaluateAnswers(questions, answer);
  return report;
}
