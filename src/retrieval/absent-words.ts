import type { Table } from "@lancedb/lancedb";
import { contentTerms } from "../shared/content-terms.ts";
import { isContraction } from "../shared/english-words.ts";
import { isIndexed } from "./is-indexed.ts";
import { prepareQuery } from "./prepare-query.ts";
import { isAbbreviatedUnit } from "../shared/units-spelled-out.ts";

/** A long pasted message is not checked word by word: each word costs a lookup. */
const MAX_WORDS = 8;

/**
 * The words of a question that no passage the filter lets through contains ("dog" in "can I bring my dog to
 * the office?", "flu" where the handbook says "unwell"): what the knowledge base lacks, or calls something
 * else. Words are compared stemmed, as the index compares them ("claiming" is found as "claim"); stop words,
 * numbers and contractions are never listed.
 */
export async function absentWords(table: Table, question: string, filter: string | null): Promise<string[]> {
  // "shouldn't" is "should", "Portugal's" is "portugal": the word a source would have.
  const asked = prepareQuery(question).split(" ");
  const words = [
    ...new Set(
      asked
        // "40 min": the page may say "40 minutes" (withUnitsSpelledOut), and the abbreviation asks about no topic.
        .filter((word, i) => !isAbbreviatedUnit(asked[i - 1], word))
        .map((word) => word.replace(/n['’]t$|['’](?:s|re|ve|ll|d|m)$/, "")),
    ),
  ]
    .filter((word) => word.length >= 3 && /\p{L}/u.test(word) && contentTerms(word).length > 0 && !isContraction(word))
    .slice(0, MAX_WORDS);
  const found = await Promise.all(words.map((word) => isIndexed(table, word, filter)));
  return words.filter((_, i) => !found[i]);
}
