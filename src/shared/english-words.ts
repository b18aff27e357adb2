import { readFileSync } from "node:fs";
import wordListPath from "word-list";

/** Below this length, two edits reach too many unrelated words ("tiktok" → "tiptoe"). */
const TWO_EDITS_LENGTH = 7;

/**
 * English words, inflections included ("passwords", "considered"): the SCOWL-derived list of the `word-list`
 * package (274,000 words), read once on first use. The file's text is kept as it is read, and each group of
 * words with the same first letter and length as the offsets of its words in that text, in alphabetical
 * order: 4 MB in all, where a set of the words takes some 40 MB, and no string is made per word (making
 * one took a tenth of a second and most of the garbage collection of every `docent search`).
 */
let list: { text: string; groups: Map<number, Int32Array> } | null = null;

const groupKey = (initial: number, length: number) => initial * 64 + length;

/** Reads the list now rather than on the first question that needs it: it blocks for a few tens of ms. */
export function loadEnglishWords(): void {
  if (list) return;
  const text = readFileSync(wordListPath, "utf8");
  const offsets = new Map<number, number[]>();
  const unsorted = new Set<number>();
  for (let start = 0; start < text.length; ) {
    const newline = text.indexOf("\n", start);
    const end = newline === -1 ? text.length : newline;
    const length = end - start;
    if (length > 0 && length < 64) {
      const key = groupKey(text.charCodeAt(start), length);
      const members = offsets.get(key);
      if (!members) offsets.set(key, [start]);
      else {
        // The list is alphabetical but for a pair or two, and the lookups need it so.
        if (compareAt(text, members[members.length - 1]!, start, length) > 0) unsorted.add(key);
        members.push(start);
      }
    }
    start = end + 1;
  }
  const groups = new Map<number, Int32Array>();
  for (const [key, members] of offsets) {
    const sorted = Int32Array.from(members);
    if (unsorted.has(key)) sorted.sort((a, b) => compareAt(text, a, b, key % 64));
    groups.set(key, sorted);
  }
  list = { text, groups };
}

/** Compares the words of one length at two offsets of the text, letter by letter, without copying them. */
function compareAt(text: string, a: number, b: number, length: number): number {
  for (let i = 0; i < length; i++) {
    const difference = text.charCodeAt(a + i) - text.charCodeAt(b + i);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** The words of one first letter and length, each read by its index. */
function group(initial: string, length: number): { size: number; word: (i: number) => string } {
  loadEnglishWords();
  const { text, groups } = list!;
  const offsets = length > 0 && length < 64 ? groups.get(groupKey(initial.charCodeAt(0), length)) : undefined;
  return { size: offsets?.length ?? 0, word: (i) => text.slice(offsets![i]!, offsets![i]! + length) };
}

export function isEnglishWord(word: string): boolean {
  const words = group(word[0] ?? "", word.length);
  let low = 0;
  let high = words.size - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const found = words.word(middle);
    if (found === word) return true;
    if (found < word) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}

/**
 * "thats", "doesnt", "youre": a contraction typed without its apostrophe, as chat does. No typo (its
 * neighbours "thans", "thaws" would only add noise), and no word a source would spell that way. An English
 * word is none ("dogs" is no "dog's").
 */
export function isContraction(word: string): boolean {
  const parts = /^(\p{L}{2,}?)(nt|s|re|ve|ll|d)$/u.exec(word);
  return parts !== null && isEnglishWord(parts[1]!) && !isEnglishWord(word);
}

/**
 * The English words a mistyped word most likely stands for: those one edit away (a letter left out, added,
 * changed, or two letters swapped), else, for a word long enough that two edits still leave it recognisable,
 * those two away (unless `maxEdits` is 1). The first letter is taken as typed, as people rarely mistype it.
 * Empty when none is that close.
 */
export function likelyMeant(typed: string, maxEdits: 1 | 2 = 2): string[] {
  for (const limit of typed.length >= TWO_EDITS_LENGTH && maxEdits === 2 ? [1, 2] : [1]) {
    const close: string[] = [];
    for (let length = Math.max(1, typed.length - limit); length <= typed.length + limit; length++) {
      const words = group(typed[0]!, length);
      for (let i = 0; i < words.size; i++) {
        const word = words.word(i);
        if (editDistance(typed, word, limit) <= limit) close.push(word);
      }
    }
    if (close.length > 0) return close;
  }
  return [];
}

/**
 * Optimal string alignment distance (Levenshtein with a swap of two neighbours as one edit), given up past
 * `limit`. A letter changed counts as one edit when it is a slip of the finger or the ear (substitutionCost),
 * as two otherwise.
 */
function editDistance(a: string, b: string, limit: number): number {
  // Three rows of the table: two back (for swaps), the previous one, the current one.
  let before = new Int32Array(b.length + 1);
  let previous = Int32Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + substitutionCost(a.charCodeAt(i - 1), b.charCodeAt(j - 1)));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2]! + 1);
      current[j] = value;
      if (value < best) best = value;
    }
    if (best > limit) return limit + 1;
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length]!;
}

/**
 * Letters beside each other on a QWERTY keyboard, two vowels, or letters that sound alike ("expences",
 * "seperate"): a changed letter people type by mistake. Any other change counts as two edits, so a brand or
 * an abbreviation typed in lower case is not taken for the English word it happens to be near ("thurs" is no
 * "tours") and is left to fuzzy matching.
 */
function substitutionCost(typed: number, meant: number): number {
  if (typed === meant) return 0;
  return typed < 128 && meant < 128 ? SLIP_COSTS[typed * 128 + meant]! : 2;
}

/**
 * The cost of each change of one ASCII letter for another, worked out once: likelyMeant compares a word with
 * thousands of others, and looking the letters up in lists each time made it four times slower (30 ms a word,
 * long enough to hold up the acknowledgements of other questions).
 */
const SLIP_COSTS = (() => {
  const costs = new Uint8Array(128 * 128).fill(2);
  const slip = (a: string, b: string) => {
    costs[a.charCodeAt(0) * 128 + b.charCodeAt(0)] = 1;
    costs[b.charCodeAt(0) * 128 + a.charCodeAt(0)] = 1;
  };
  const vowels = "aeiouy";
  for (const a of vowels) for (const b of vowels) slip(a, b);
  for (const pair of ["ck", "cs", "sz", "fv", "gj", "mn", "bp", "dt"]) slip(pair[0]!, pair[1]!);
  // Each key's neighbours on its own row and the rows above and below (QWERTY's stagger: "g" touches "t", "y", "v", "b").
  const rows = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];
  rows.forEach((row, r) =>
    [...row].forEach((key, i) => {
      const neighbours = `${row[i - 1] ?? ""}${row[i + 1] ?? ""}${rows[r - 1]?.slice(i, i + 2) ?? ""}${rows[r + 1]?.slice(Math.max(0, i - 1), i + 1) ?? ""}`;
      for (const neighbour of neighbours) slip(key, neighbour);
    }),
  );
  return costs;
})();
