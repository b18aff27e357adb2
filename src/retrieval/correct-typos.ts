import type { Table } from "@lancedb/lancedb";
import { stem } from "../shared/content-terms.ts";
import { isContraction, isEnglishWord, likelyMeant } from "../shared/english-words.ts";
import { namesIn } from "../shared/names-in.ts";
import { isIndexed } from "./is-indexed.ts";

/** Shorter words have too many neighbours within an edit or two to guess which one was meant. */
const MIN_TYPO_LENGTH = 5;
/** Longer than any English word: a pasted hash or token, which a fuzzy search could not even build a query for. */
const MAX_TYPO_LENGTH = 30;
const MAX_SUSPECTS = 5;

export interface Corrected {
  /** The text with each mistyped word replaced by the English words it most likely stands for. */
  text: string;
  /** Mistyped words with no English word that close in the index (a mistyped name: "PhptSorm"), as typed, lower case. */
  unmatched: string[];
}

/**
 * A question with its typos undone. A word that is neither English nor in the index is most likely
 * mistyped ("paswsord", "reecipt", "perfromance"), and as typed it matches nothing: it is replaced by the
 * English words one or two edits away (likelyMeant) that the index has. English words the index lacks
 * ("hoodie", "therapy") stay as they are: guessing a neighbour for them ("summer" → "summit") would bring in
 * pages about something else; only their related forms join them (relatedFormsIndexed; a compound the pages
 * write as two words: splitCompounds). Words the index has (a product's name, "timesheet") stay as they are,
 * and are only joined by a correction when the index has them through another word's stem. Names (capitalised
 * after a sentence's first word) and contractions without their apostrophe are never read as typos.
 */
export async function correctTypos(table: Table, text: string, filter: string | null): Promise<Corrected> {
  // A handful at most: a pasted log line is not a question with typos, and each suspect costs a lookup.
  const names = namesIn(text);
  const suspects = [
    ...new Set(
      (text.toLowerCase().match(/\p{L}+/gu) ?? []).filter(
        (word) => word.length >= MIN_TYPO_LENGTH && word.length <= MAX_TYPO_LENGTH && !isEnglishWord(word) && !isContraction(word),
      ),
    ),
  ].slice(0, MAX_SUSPECTS);
  const unmatched: string[] = [];
  const replacements = await relatedFormsIndexed(table, text, names, filter);
  if (suspects.length === 0) return { text: withReplacements(text, replacements), unmatched };
  const indexed = await Promise.all(suspects.map((word) => isIndexed(table, word, filter)));
  for (const [i, word] of suspects.entries()) {
    const root = stem(word);
    // The index holds stems, so a word it seems to have may only share its stem with others: "referal" is
    // found as "refer" (from "refer", "referred"), though "referral" was meant. Such a word keeps its own
    // matches ("bolded" may be the page's word) and gains the English words one edit away that the index has.
    const sharesAStem = Boolean(indexed[i]) && root !== word && isEnglishWord(root);
    if (indexed[i] && !sharesAStem) continue;
    // A name the index lacks ("relocating to Portugal") is no typo of an English word ("portal"): it is left
    // to fuzzy matching, as a mistyped product name is.
    if (names.has(word)) {
      if (!indexed[i]) unmatched.push(word);
      continue;
    }
    // Only the English words the index has: "parnetal" is "parental" in a handbook, never "parietal". With
    // none ("dcousign" → "dousing"), the word is left to fuzzy matching.
    const candidates = likelyMeant(word, sharesAStem ? 1 : 2).filter((candidate) => !sharesAStem || stem(candidate) !== root);
    const found = await Promise.all(candidates.map((candidate) => isIndexed(table, candidate, filter)));
    const meant = candidates.filter((_, j) => found[j]);
    if (meant.length) replacements.set(word, [...(sharesAStem ? [word] : []), ...meant].join(" "));
    else if (!indexed[i]) unmatched.push(word);
  }
  return { text: withReplacements(text, replacements), unmatched };
}

function withReplacements(text: string, replacements: Map<string, string>): string {
  return replacements.size ? text.replace(/\p{L}+/gu, (word) => replacements.get(word.toLowerCase()) ?? word) : text;
}

/**
 * Endings English swaps between an adjective and its noun, which the stemmer keeps apart: "pregnant" /
 * "pregnancy", "absent" / "absence", "resident" / "residence".
 */
const RELATED_ENDINGS: [RegExp, string[]][] = [
  [/ant$/, ["ance", "ancy"]],
  [/an(?:ce|cy)$/, ["ant"]],
  [/ent$/, ["ence", "ency"]],
  [/en(?:ce|cy)$/, ["ent"]],
];

/** The English words a word's related forms ("pregnant" → "pregnancy"), by its ending. */
export function relatedForms(word: string): string[] {
  return RELATED_ENDINGS.flatMap(([ending, swaps]) => (ending.test(word) ? swaps.map((swap) => word.replace(ending, swap)) : [])).filter(
    (form) => form !== word && isEnglishWord(form),
  );
}

/**
 * An English word the index lacks, searched with its related forms that the index has ("I'm pregnant" finds
 * "pregnancy"): unlike a neighbour by spelling ("summer" → "summit"), a related form means the same thing.
 */
async function relatedFormsIndexed(table: Table, text: string, names: Set<string>, filter: string | null): Promise<Map<string, string>> {
  const replacements = new Map<string, string>();
  const words = [...new Set(text.toLowerCase().match(/\p{L}+/gu) ?? [])]
    .filter((word) => word.length >= MIN_TYPO_LENGTH && !names.has(word) && isEnglishWord(word))
    .map((word) => ({ word, forms: relatedForms(word) }))
    .filter(({ forms }) => forms.length > 0);
  await Promise.all(
    words.slice(0, MAX_SUSPECTS).map(async ({ word, forms }) => {
      if (await isIndexed(table, word, filter)) return;
      const found = await Promise.all(forms.map((form) => isIndexed(table, form, filter)));
      // "Pregnance" and "pregnancy" are one stem to the index: one of them is enough.
      const meant = forms.filter((form, i) => found[i] && forms.findIndex((other, j) => found[j] && stem(other) === stem(form)) === i);
      if (meant.length) replacements.set(word, [word, ...meant].join(" "));
    }),
  );
  return replacements;
}
