import type { Embedder } from "../llm/embedder.ts";
import { sentenceSimilarities } from "../llm/sentence-similarity.ts";
import { fuseWeighted } from "./fuse-by-relative-score.ts";
import type { SearchHit } from "./search-index.ts";

/** Full-text search's best candidates, reordered: the passage that answers is nearly always among them. */
const CANDIDATES = 20;
/**
 * A candidate is read by its page's title, its heading and the opening of its text: measured on seven
 * knowledge bases, 200 characters found the right page as often as 1,000, at a fifth of the time
 * (docs/answer-quality.md).
 */
const READ_CHARS = 200;
/**
 * How much a candidate's closeness in meaning counts next to its full-text score (both stretched to 0..1).
 * Measured on eighteen sets (docs/answer-quality.md): answers holding what was asked 354, 356, 364 and 362 of
 * 550 at 0.7, 1, 1.5 and 2, first citations relevant 433, 435, 435 and 433.
 */
const MEANING_WEIGHT = 1.5;

/**
 * Full-text candidates weighed by their closeness in meaning to the question as well as by their words,
 * both on one scale (fuseWeighted): asked "my baby is due in March, how much time off can I take?", the
 * 18F handbook's FMLA page joins the first three. Only candidates full-text search found are reordered; nothing is searched by meaning.
 */
export async function rerankByMeaning(question: string, hits: SearchHit[], embedder: Embedder): Promise<SearchHit[]> {
  const candidates = hits.slice(0, CANDIDATES);
  if (candidates.length < 2) return hits;
  const similarities = await sentenceSimilarities(
    embedder,
    question,
    candidates.map((hit) => `${hit.title} › ${hit.heading ?? ""}\n${hit.text}`.slice(0, READ_CHARS)),
  );
  const reranked = fuseWeighted([
    { hits: candidates, weight: 1 },
    { hits: candidates.map((hit, i) => ({ ...hit, score: similarities[i]!, textScore: 0 })), weight: MEANING_WEIGHT },
  ]);
  // Further candidates stay behind them, in full-text order, for a search that asks for many.
  return [...reranked, ...hits.slice(CANDIDATES).map((hit) => ({ ...hit, score: 0 }))];
}
