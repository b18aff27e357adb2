import type { Table } from "@lancedb/lancedb";
import { contentTerms, stem } from "../shared/content-terms.ts";
import { isContraction } from "../shared/english-words.ts";
import { isIndexed } from "./is-indexed.ts";
import { prepareQuery } from "./prepare-query.ts";

/** A long pasted message is not checked word by word: each word costs a lookup. */
const MAX_WORDS = 8;

/**
 * The asker's words that no passage they may read contains ("dog" in "can I bring my dog to the office?",
 * "flu" where the handbook says "unwell"). Shown with the answer, they tell the asker what the knowledge
 * base lacks, or which word to put differently, when an answer matched only their other words. Words
 * already left to fuzzy matching as mistyped names (`skip`) are not listed: a search found something near them.
 * Words are compared stemmed, as the index compares them ("claiming" is found as "claim").
 */
export async function absentWords(
  table: Table,
  query: string,
  filter: string | null,
  options: { skip?: string[]; seen?: Set<string> } = {},
): Promise<string[]> {
  const { skip = [], seen } = options;
  // "shouldn't" is "should", "Portugal's" is "portugal": the word a source would have.
  const words = [
    ...new Set(
      prepareQuery(query)
        .split(" ")
        .map((word) => word.replace(/n['’]t$|['’](?:s|re|ve|ll|d|m)$/, "")),
    ),
  ]
    .filter((word) => word.length >= 3 && /\p{L}/u.test(word) && contentTerms(word).length > 0 && !isContraction(word) && !skip.includes(word))
    .slice(0, MAX_WORDS);
  // A word the search's own passages hold (`seen`: their stemmed terms) needs no lookup: most of a question's do.
  const found = await Promise.all(words.map((word) => seen?.has(stem(word)) || isIndexed(table, word, filter)));
  return words.filter((_, i) => !found[i]);
}
