import type { Embedder } from "../llm/embedder.ts";
import { sentenceSimilarities } from "../llm/sentence-similarity.ts";
import { mostMatchingSentence, termSet } from "../shared/content-terms.ts";
import { splitSentences } from "../shared/split-sentences.ts";
import { passageBody } from "./passage-body.ts";
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
/** …and by its title and heading with its sentence that shares most of the question's words, within this. */
const MATCH_READ_CHARS = 300;
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
 *
 * A candidate's closeness is the mean of two readings: its opening, which says what the passage is about, and
 * its sentence that shares most of the question's words, which is what full-text search found and may stand
 * far down a long section. Measured on eighteen sets (docs/answer-quality.md): mean MRR 0.840 → 0.862 (up on
 * 14 sets, down on 2), the passage holding the answer in the top 5 0.743 → 0.764, answerable questions
 * wrongly declined 31 → 28; the matching sentence alone found fewer relevant pages in the top 5, and the
 * closer of the two readings did worse than their mean.
 */
export async function rerankByMeaning(question: string, hits: SearchHit[], embedder: Embedder): Promise<SearchHit[]> {
  const candidates = hits.slice(0, CANDIDATES);
  if (candidates.length < 2) return hits;
  const asked = termSet(question);
  const about = (hit: SearchHit) => `${hit.title} › ${hit.heading ?? ""}`;
  const readings = await sentenceSimilarities(embedder, question, [
    ...candidates.map((hit) => `${about(hit)}\n${hit.text}`.slice(0, READ_CHARS)),
    ...candidates.map((hit) => `${about(hit).slice(0, READ_CHARS)}\n${matchingSentence(passageBody(hit.text), asked)}`.slice(0, MATCH_READ_CHARS)),
  ]);
  const closeness = candidates.map((_, i) => (readings[i]! + readings[candidates.length + i]!) / 2);
  const reranked = fuseWeighted([
    { hits: candidates, weight: 1 },
    { hits: candidates.map((hit, i) => ({ ...hit, score: closeness[i]!, textScore: 0 })), weight: MEANING_WEIGHT },
  ]);
  // Further candidates stay behind them, in full-text order, for a search that asks for many.
  return [...reranked, ...hits.slice(CANDIDATES).map((hit) => ({ ...hit, score: 0 }))];
}

/** The first of the text's sentences with the most of the asked words (the text itself when it has none). */
function matchingSentence(text: string, asked: Set<string>): string {
  const sentences = splitSentences(text);
  return sentences[mostMatchingSentence(sentences, asked)] || text;
}
