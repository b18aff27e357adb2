import type { Table } from "@lancedb/lancedb";
import { contentTerms } from "../shared/content-terms.ts";
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
 */
export async function absentWords(table: Table, query: string, filter: string | null, skip: string[] = []): Promise<string[]> {
  const words = [...new Set(prepareQuery(query).split(" "))]
    .filter((word) => word.length >= 3 && /\p{L}/u.test(word) && contentTerms(word).length > 0 && !isContraction(word) && !skip.includes(word))
    .slice(0, MAX_WORDS);
  const found = await Promise.all(words.map((word) => isIndexed(table, word, filter)));
  return words.filter((_, i) => !found[i]);
}
