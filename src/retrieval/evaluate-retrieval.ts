import { readFile } from "node:fs/promises";
import { z } from "zod";

export const evalQuestionSchema = z.object({
  id: z.string(),
  question: z.string().min(1),
  relevant: z.array(z.string()),
  answer: z.string().optional(),
});
export type EvalQuestion = z.infer<typeof evalQuestionSchema>;

export interface EvalReport {
  questions: number;
  k: number;
  hitAtK: number;
  recallAtK: number;
  mrr: number;
  ndcgAtK: number;
  /** Questions whose `relevant` list is empty: how many there were, and how many the pipeline declined. */
  unanswerable: { questions: number; declined: number };
  perQuestion: { id: string; hit: boolean; rank: number | null; docIds: string[] }[];
}

/** Reads a question set (`*.jsonl`, one object a line), naming the line of any malformed entry. */
export async function readQuestionSet(path: string): Promise<EvalQuestion[]> {
  const text = await readFile(path, "utf8");
  const questions: EvalQuestion[] = [];
  text.split("\n").forEach((line, i) => {
    if (!line.trim()) return;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      throw new Error(`${path}:${i + 1}: not valid JSON`);
    }
    const parsed = evalQuestionSchema.safeParse(raw);
    if (!parsed.success) throw new Error(`${path}:${i + 1}: ${parsed.error.issues.map((issue) => `${issue.path.join(".") || "entry"} ${issue.message}`).join("; ")}`);
    questions.push(parsed.data);
  });
  return questions;
}

export interface RankedDocuments {
  /** Distinct docIds in rank order, at least 10 of them where the index has that many. */
  docIds: string[];
  /** Whether the pipeline would decline to answer (no passage relevant enough). */
  declined: boolean;
}

/**
 * Per-document retrieval metrics (DESIGN): hit@k, recall@k, MRR over the top 10, nDCG@k with binary gains.
 * `retrieve` is the pipeline under test, so the same code measures the real and the naive pipeline.
 */
export async function evaluateRetrieval(
  questions: EvalQuestion[],
  k: number,
  retrieve: (question: string) => Promise<RankedDocuments>,
): Promise<EvalReport> {
  const perQuestion: EvalReport["perQuestion"] = [];
  let hits = 0;
  let recall = 0;
  let reciprocal = 0;
  let ndcg = 0;
  let unanswerable = 0;
  let declined = 0;
  for (const question of questions) {
    const ranked = await retrieve(question.question);
    if (question.relevant.length === 0) {
      unanswerable++;
      if (ranked.declined) declined++;
      continue;
    }
    const relevant = new Set(question.relevant);
    const topK = ranked.docIds.slice(0, k);
    const firstIndex = ranked.docIds.slice(0, Math.max(10, k)).findIndex((docId) => relevant.has(docId));
    const rank = firstIndex >= 0 ? firstIndex + 1 : null;
    // A document counts once, even when a pipeline returns several of its chunks.
    const found = new Set(topK.filter((docId) => relevant.has(docId))).size;
    const hit = found > 0;
    hits += hit ? 1 : 0;
    recall += found / relevant.size;
    reciprocal += rank && rank <= 10 ? 1 / rank : 0;
    const dcg = topK.reduce((sum, docId, i) => sum + (relevant.has(docId) && topK.indexOf(docId) === i ? 1 / Math.log2(i + 2) : 0), 0);
    const ideal = Array.from({ length: Math.min(relevant.size, k) }, (_, i) => 1 / Math.log2(i + 2)).reduce((a, b) => a + b, 0);
    ndcg += ideal > 0 ? dcg / ideal : 0;
    perQuestion.push({ id: question.id, hit, rank, docIds: topK });
  }
  const n = perQuestion.length || 1;
  return {
    questions: perQuestion.length,
    k,
    hitAtK: hits / n,
    recallAtK: recall / n,
    mrr: reciprocal / n,
    ndcgAtK: ndcg / n,
    unanswerable: { questions: unanswerable, declined },
    perQuestion,
  };
}
