/** Lookbehind: the full stop of an abbreviation ("e.g.", "Dr.") ends no sentence. */
const NOT_AFTER_ABBREVIATION = String.raw`(?<!\b(?:e\.g|i\.e|etc|vs|Mr|Mrs|Ms|Dr|No|approx|incl))`;
/** Lookbehind: nor does a middle initial's, after a capitalised name ("John C. Kluczynski"). */
const NOT_AFTER_INITIAL = String.raw`(?<!\b\p{Lu}\p{Ll}+\s\p{Lu})`;
/** The punctuation that ends a sentence, for use inside a lookbehind. */
export const SENTENCE_STOP = String.raw`${NOT_AFTER_ABBREVIATION}(?:[!?]|${NOT_AFTER_INITIAL}\.)`;

/** After a sentence's end and its citation markers, before the next sentence's first character. */
const SENTENCE_BREAK = new RegExp(String.raw`(?<=${SENTENCE_STOP}(?:\s*\[\d+\])*)\s+(?=[\p{Lu}\d"“(*])`, "u");

/**
 * Splits prose into sentences, keeping `[n]` citation markers with the sentence they follow and list
 * items as sentences of their own. Abbreviations like "e.g." and decimals like "3.85%" do not end one.
 */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  for (const block of text.split(/\n\s*\n|\n(?=\s*(?:[-*•]|\d+[.)])\s)/)) {
    const line = block.replace(/\s*\n\s*/g, " ").trim();
    if (!line) continue;
    const pieces = line.split(SENTENCE_BREAK);
    for (const piece of pieces) if (piece.trim()) sentences.push(piece.trim());
  }
  return sentences;
}
