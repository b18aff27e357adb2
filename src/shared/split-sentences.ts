/**
 * Lookbehind: the full stop of an abbreviation ends no sentence. Some are only ever followed by more of the
 * sentence: "e.g.", "Dr.", "Smith et al. (2019)", "Fig. 3", "Sec. 4", "1800 F St. NW".
 */
const NOT_AFTER_ABBREVIATION = String.raw`(?<!\b(?:e\.g|i\.e|etc|vs|Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|No|approx|incl|cf|al|Figs?|Eqs?|Secs?|Tab|Refs?|Vol|Ch|pp))`;
/** Lookbehind: nor does a middle initial's, after a capitalised name ("John C. Kluczynski"). */
const NOT_AFTER_INITIAL = String.raw`(?<!\b\p{Lu}\p{Ll}+\s\p{Lu})`;
/** The punctuation that ends a sentence, for use inside a lookbehind. */
export const SENTENCE_STOP = String.raw`${NOT_AFTER_ABBREVIATION}(?:[!?]|${NOT_AFTER_INITIAL}\.)`;

/**
 * Lookahead: what a sentence after a full stop starts with. A number after a month or an initialism is the
 * same sentence going on ("Jan. 15", "Washington, D.C. 20405"), as few sentences start with a bare number.
 */
export const SENTENCE_START = String.raw`(?:(?=[\p{Lu}"“(*])|(?<!\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|(?:\p{L}\.)+\p{L})\.\s+)(?=\d))`;

/** After a sentence's end (a closing quote or bracket may follow) and its citation markers, before the next sentence's first character. */
const SENTENCE_BREAK = new RegExp(String.raw`(?<=${SENTENCE_STOP}["”')\]]?(?:\s*\[\d+\])*)\s+${SENTENCE_START}`, "u");

/**
 * Splits prose into sentences, keeping `[n]` citation markers with the sentence they follow and list
 * items as sentences of their own. Abbreviations like "e.g." and decimals like "3.85%" do not end one.
 */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  for (const block of text.split(/\n\s*\n|\n(?=\s*(?:[-*•]|\d+[.)])\s)/)) {
    const line = block.replace(/\s*\n\s*/g, " ").trim();
    if (!line) continue;
    sentences.push(
      ...withParenthesesClosed(
        line
          .split(SENTENCE_BREAK)
          .map((piece) => piece.trim())
          .filter(Boolean),
      ),
    );
  }
  return sentences;
}

/** A parenthesis that holds two sentences is longer than this only when it never closes. */
const MAX_PARENTHESIS = 400;

/**
 * Sentences rejoined where a parenthesis holds more than one ("(List of holidays as observed. Missing one?
 * Write to us.)"): quoted alone, each would open or close a bracket it does not have.
 */
function withParenthesesClosed(pieces: string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < pieces.length; i++) {
    let sentence = pieces[i]!;
    let longer = sentence;
    for (let j = i + 1; depth(sentence) > 0 && j < pieces.length; j++) {
      longer = `${longer} ${pieces[j]}`;
      if (longer.length > MAX_PARENTHESIS) break;
      if (depth(longer) <= 0) {
        sentence = longer;
        i = j;
      }
    }
    joined.push(sentence);
  }
  return joined;
}

function depth(text: string): number {
  return (text.match(/\(/g)?.length ?? 0) - (text.match(/\)/g)?.length ?? 0);
}
