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
  /** Share of answerable questions with an `answer` quote whose quote occurs in one of the top k passages; null when no question has one. */
  answerInTopK: number | null;
  /** Questions whose `relevant` list is empty: how many there were, and how many the pipeline declined. */
  unanswerable: { questions: number; declined: number };
  perQuestion: { id: string; hit: boolean; rank: number | null; docIds: string[]; answerInTopK?: boolean }[];
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
    if (!parsed.success)
      throw new Error(`${path}:${i + 1}: ${parsed.error.issues.map((issue) => `${issue.path.join(".") || "entry"} ${issue.message}`).join("; ")}`);
    questions.push(parsed.data);
  });
  return questions;
}

export interface RankedDocuments {
  /** Distinct docIds in rank order, at least 10 of them where the index has that many. */
  docIds: string[];
  /** Whether the pipeline would decline to answer (no passage relevant enough). */
  declined: boolean;
  /** The texts of the top passages in rank order, at least k of them: where an `answer` quote is looked for. */
  passages?: string[];
}

/**
 * Text reduced to what a reader sees, so a quote copied from a rendered page matches the Markdown source:
 * link (inline, reference and auto links), emphasis and list-marker syntax dropped, typographic quotes and dashes
 * made plain, whitespace collapsed, lower case.
 */
export function normalizeForMatch(text: string): string {
  return (
    text
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
      .replace(/!?\[([^\]]*)\]\[[^\]]*\]/g, "$1")
      // A shortcut reference link ("[rebase workflow]", its address defined elsewhere on the page) shows its text.
      .replace(/!?\[([^\]]+)\](?![(:])/g, "$1")
      .replace(/<((?:https?|mailto):[^>\s]+|[^>\s@]+@[^>\s@]+\.[^>\s@]+)>/g, "$1")
      // A list's bullets and numbers are not copied with its text from a rendered page.
      .replace(/^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+/gm, "")
      .replace(/(\*\*|__|\*|`|~~)/g, "")
      .replace(/(^|[\s(])_([^_]+)_(?=[\s).,;:!?]|$)/g, "$1$2")
      .replace(/[\u2018\u2019]/g, "'")
      .replace(/[\u201c\u201d]/g, '"')
      .replace(/[\u2013\u2014]/g, "-")
      .replace(/\s+/g, " ")
      .trim()
      .toLowerCase()
  );
}

/**
 * Per-document retrieval metrics (DESIGN): hit@k, recall@k, MRR over the top 10, nDCG@k with binary gains.
 * `retrieve` is the pipeline under test, so the same code measures the real and the naive pipeline.
 */
export async function evaluateRetrieval(questions: EvalQuestion[], k: number, retrieve: (question: string) => Promise<RankedDocuments>): Promise<EvalReport> {
  const perQuestion: EvalReport["perQuestion"] = [];
  let hits = 0;
  let recall = 0;
  let reciprocal = 0;
  let ndcg = 0;
  let unanswerable = 0;
  let declined = 0;
  let quoted = 0;
  let quoteFound = 0;
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
    const entry: EvalReport["perQuestion"][number] = { id: question.id, hit, rank, docIds: topK };
    if (question.answer && ranked.passages) {
      const quote = normalizeForMatch(question.answer);
      entry.answerInTopK = ranked.passages.slice(0, k).some((passage) => normalizeForMatch(passage).includes(quote));
      quoted++;
      if (entry.answerInTopK) quoteFound++;
    }
    perQuestion.push(entry);
  }
  const n = perQuestion.length || 1;
  return {
    questions: perQuestion.length,
    k,
    hitAtK: hits / n,
    recallAtK: recall / n,
    mrr: reciprocal / n,
    ndcgAtK: ndcg / n,
    answerInTopK: quoted ? quoteFound / quoted : null,
    unanswerable: { questions: unanswerable, declined },
    perQuestion,
  };
}
