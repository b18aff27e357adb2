import type { Table } from "@lancedb/lancedb";
import { isEnglishWord } from "../shared/english-words.ts";
import { namesIn } from "../shared/names-in.ts";
import { isIndexed } from "./is-indexed.ts";
import { loadLanceDb } from "./load-lancedb.ts";

/** A handful of words at most: each costs a lookup, and its splits a probe each. */
const MAX_WORDS = 5;
/** How many passages holding both halves of a split compound are read for the two written as a pair. */
const COMPOUND_PROBE = 20;

/**
 * The question with each English word the index lacks, typed as one where the pages write it as two ("payday"
 * for "pay day"), followed by those two words ("payday pay day"), when a passage the search may return has
 * them side by side. Each half is an English word of three letters at least; the pair must be on a page, since
 * the word list holds fragments ("expect" + "ing") that two halves found apart would read as a compound.
 * `split` lists the words so followed: the pages have them, as two.
 */
export async function splitCompounds(table: Table, text: string, filter: string | null): Promise<{ text: string; split: string[] }> {
  const { MatchQuery, Operator } = await loadLanceDb();
  const names = namesIn(text);
  const found = new Map<string, string>();
  const words = [...new Set(text.toLowerCase().match(/\p{L}+/gu) ?? [])]
    .filter((word) => word.length >= 6 && !names.has(word) && isEnglishWord(word))
    .map((word) => ({ word, splits: englishSplits(word) }))
    .filter(({ splits }) => splits.length > 0);
  await Promise.all(
    words.slice(0, MAX_WORDS).map(async ({ word, splits }) => {
      if (await isIndexed(table, word, filter)) return;
      for (const [left, right] of splits) {
        let probe = table
          .search(new MatchQuery(`${left} ${right}`, "searchText", { operator: Operator.And }), "fts")
          .select(["text"])
          .limit(COMPOUND_PROBE);
        if (filter) probe = probe.where(filter);
        const pair = new RegExp(`\\b${left}[\\s-]+${right}s?\\b`, "i");
        if ((await probe.toArray()).some((row) => pair.test(String(row.text)))) {
          found.set(word, `${word} ${left} ${right}`);
          return;
        }
      }
    }),
  );
  return {
    text: found.size ? text.replace(/\p{L}+/gu, (word) => found.get(word.toLowerCase()) ?? word) : text,
    split: [...found.keys()],
  };
}

/**
 * Each way a word cuts into two English words of three letters or more, the second no mere ending ("think" +
 * "ing", "pay" + "ment": the word list holds endings as words): looked up only for a word that has one.
 */
function englishSplits(word: string): [string, string][] {
  const splits: [string, string][] = [];
  for (let at = 3; at <= word.length - 3; at++) {
    const [left, right] = [word.slice(0, at), word.slice(at)];
    if (isEnglishWord(left) && isEnglishWord(right) && !ENDINGS.has(right)) splits.push([left, right]);
  }
  return splits;
}

/** English's common suffixes of three letters or more (a half is never shorter), which the word list also holds as words. */
const ENDINGS = new Set("ing ings ers est ness ment ments tion tions able ible less ful ship ism ist ists ity ous ive".split(" "));
