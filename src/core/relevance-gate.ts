import { termSet } from "./content-terms.ts";

export interface GateCandidate {
  title: string;
  heading: string | null;
  text: string;
}

/**
 * Decides whether retrieval found anything worth answering from. BM25 always returns *something* that
 * shares a word with the question, and its scores are not comparable across corpora, so the gate looks
 * at coverage instead: how much of the question's substance one of the top passages contains.
 */
export function isRelevantEnough(query: string, hits: GateCandidate[], options: { minCoverage?: number } = {}): boolean {
  const minCoverage = options.minCoverage ?? 0.5;
  const terms = [...termSet(query)];
  if (terms.length === 0 || hits.length === 0) return false;
  const best = Math.max(
    ...hits.slice(0, 3).map((hit) => {
      const passage = termSet(`${hit.title} ${hit.heading ?? ""} ${hit.text}`);
      return terms.filter((term) => passage.has(term)).length;
    }),
  );
  const coverage = best / terms.length;
  // Long, chatty questions rarely have every word in one passage; two solid matches are enough there.
  return coverage >= minCoverage || (terms.length >= 5 && best >= 2 && coverage >= 0.3);
}
