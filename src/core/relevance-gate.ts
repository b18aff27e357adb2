import { expandQuery } from "../retrieval/expand-query.ts";
import { termSet } from "./content-terms.ts";

export interface GateCandidate {
  title: string;
  heading: string | null;
  text: string;
}

/**
 * Decides whether retrieval found anything worth answering from. BM25 always returns *something* that
 * shares a word with the question, and its scores are not comparable across corpora, so the gate counts
 * instead how many of the question's words one of the retrieved passages contains (the thesaurus's words for
 * the question count as one more). Two matched words, and a fair share of the question, are needed: a
 * single shared word ("point" in "boiling point of tungsten") is a coincidence, not a topic. Measured on
 * the 18F set: all 50 employee questions pass, 10 of 12 off-topic questions are declined.
 */
export function isRelevantEnough(query: string, hits: GateCandidate[]): boolean {
  const terms = [...termSet(query)];
  const expansion = [...termSet(expandQuery(query))];
  if (terms.length === 0 || hits.length === 0) return false;
  const matched = Math.max(
    ...hits.map((hit) => {
      const passage = termSet(`${hit.title} ${hit.heading ?? ""} ${hit.text}`);
      const own = terms.filter((term) => passage.has(term)).length;
      return own + (expansion.some((term) => passage.has(term)) ? 1 : 0);
    }),
  );
  return matched >= 2 && (matched >= 3 || matched / terms.length >= 0.25);
}
