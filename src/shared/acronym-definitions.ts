import { unescapeMarkdown } from "./unescape-markdown.ts";

/** Little words an acronym's letters may skip ("Office of General Counsel (OGC)") or use ("Point of Contact (POC)"). */
const LITTLE = new Set(["of", "and", "the", "for", "to", "in", "on", "at", "&"]);
/** A bracketed acronym: capitals (digits and "&" after the first), a plural "s" allowed. */
const ACRONYM = /\((\p{Lu}[\p{Lu}\p{N}&]{1,7})s?\)/gu;
const WORD = /^\p{L}[\p{L}\p{N}'’-]*$/u;
/** How far back the words an acronym stands for may start. */
const LOOK_BACK = 160;

export interface AcronymDefinition {
  /** As written, in capitals: "PPL". */
  acronym: string;
  /** The words it stands for, as written: "Paid Parental Leave". */
  expansion: string;
}

/**
 * The acronyms a text defines the way writers do, the words followed by the acronym in brackets: "Paid
 * Parental Leave (PPL)", "Office of General Counsel (OGC)", "Freedom of Information Act (FOIA)", "pull
 * requests (PRs)". The words are read backwards from the bracket, each starting with the acronym's next
 * letter from the end, little words ("of", "and") skipped or used; a bracket whose letters the words before
 * it do not spell is no definition. Linear in the text: each bracket looks back a bounded stretch.
 */
export function acronymDefinitions(text: string): AcronymDefinition[] {
  // "Leadership Team \(MLT\)": an exporter's escaped brackets are still brackets.
  const plain = unescapeMarkdown(text)
    .replace(/!?\[([^\]\n]{0,300})\]\([^)\s]{0,1000}\)/g, "$1")
    .replace(/[*_`]/g, "");
  const found = new Map<string, AcronymDefinition>();
  for (const match of plain.matchAll(ACRONYM)) {
    const letters = match[1]!.toLowerCase().replace(/[^\p{L}]/gu, "");
    if (letters.length < 2) continue;
    const before = plain.slice(Math.max(0, match.index - LOOK_BACK), match.index);
    // The words just before the bracket, back to the first that is not a plain word ("leave.", "(see").
    const words: string[] = [];
    for (const word of before.trimEnd().split(/\s+/).reverse()) {
      if (!WORD.test(word)) break;
      words.unshift(word);
    }
    const used = spell(words, letters);
    if (used) found.set(match[1]!, { acronym: match[1]!, expansion: used.join(" ") });
  }
  return [...found.values()];
}

/** The words at the end of `words` that spell `letters` by their initials, little words skipped or used; null when none do. */
function spell(words: string[], letters: string): string[] | null {
  // Remembered by position: little words each used or skipped would otherwise branch exponentially ("of of of … (OOOO)").
  const known = new Map<number, number | null>();
  const from = (end: number, letter: number): number | null => {
    const key = end * 16 + letter;
    if (!known.has(key)) known.set(key, step(end, letter));
    return known.get(key)!;
  };
  const step = (end: number, letter: number): number | null => {
    // All letters spelt: the expansion starts here, and never with a little word ("of General Counsel").
    if (letter < 0) return LITTLE.has(words[end]!.toLowerCase()) ? null : end;
    if (end <= 0) return null;
    const word = words[end - 1]!;
    if (word[0]!.toLowerCase() === letters[letter]) {
      const start = from(end - 1, letter - 1);
      if (start !== null) return start;
    }
    return LITTLE.has(word.toLowerCase()) && end < words.length ? from(end - 1, letter) : null;
  };
  const start = from(words.length, letters.length - 1);
  return start === null ? null : words.slice(start);
}
