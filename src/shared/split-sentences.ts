/**
 * Lookbehind: the full stop of an abbreviation that is only ever followed by more of its sentence ends none:
 * "e.g.", "Dr. Smith", "Fig. 3", "Sec. 4", "Vol. 2".
 */
const NOT_AFTER_ABBREVIATION = String.raw`(?<!\b(?:e\.g|i\.e|etc|vs|Mr|Mrs|Ms|Dr|Prof|No|approx|incl|cf|Figs?|Eqs?|Secs?|Refs?|Vol|Ch|pp))`;
/** Lookbehind: nor does a middle initial's, after a capitalised name ("John C. Kluczynski"). */
const NOT_AFTER_INITIAL = String.raw`(?<!\b\p{Lu}\p{Ll}+\s\p{Lu})`;
/**
 * An initialism ("U.S.", "D.C.") or a name's suffix ("St.", "Jr.") is followed by more of its name more often
 * than it ends a sentence ("the U.S. Web Design System", "1800 F St. NW", "Martin Luther King Jr. Day").
 */
const NAME_PART = String.raw`\b(?:(?:\p{Lu}\.)+\p{Lu}|St|Jr|Sr)`;
/** Lookbehind: a name part's full stop ends a sentence only as AFTER_NAME_PART says. */
const NOT_AFTER_NAME_PART = String.raw`(?<!${NAME_PART})`;
/** The punctuation that ends a sentence, for use inside a lookbehind. */
const SENTENCE_STOP = String.raw`${NOT_AFTER_ABBREVIATION}(?:[!?]|${NOT_AFTER_INITIAL}${NOT_AFTER_NAME_PART}\.)`;
/** After a name part, a sentence starts only with a word that commonly opens one (English's closed classes): "We work in the U.S. The team…". */
const AFTER_NAME_PART = String.raw`(?<=${NAME_PART}\.["”')\]]?(?:\s*\[\d+\])*)\s+(?=(?:The|This|That|These|Those|There|Then|Here|We|You|It|Its|They|He|She|I|A|An|Our|Your|Their|His|Her|My|In|If|For|To|As|At|On|Of|By|With|From|When|While|Where|What|Why|How|Who|Which|But|And|Or|So|All|Each|Some|Many|Most|No|Please|After|Before|During|Since|Because|Although|However|Also)\b)`;

/**
 * A bracketed label after a sentence ("…open-ended questions." (Citation), a link's text left behind), with the
 * citation markers after it: it belongs to that sentence, as alone it says nothing and the sentence would lose
 * its markers.
 */
const LABEL = String.raw`\([^().!?]{1,40}\)(?:\s*\[\d+\])*`;

/**
 * Lookahead: a day or a time zone after a time's "a.m." or "p.m." goes on with the time ("12:01 a.m. Sunday
 * through midnight Saturday", "9:00 a.m. - 5:00 p.m. EST").
 */
const NOT_A_TIMES_DAY_OR_ZONE = String.raw`(?!(?<=\b[ap]\.m\.\s+)(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|(?!IT\b)[A-Z]{0,4}T|UTC|Eastern|Central|Mountain|Pacific|Atlantic)\b)`;

/**
 * Lookahead: what a sentence after a full stop starts with. A number after a month, an initialism or a table's
 * short name is the same sentence going on ("Jan. 15", "Washington, D.C. 20405", "Tab. 2"), and so is a
 * citation's year ("Smith et al. (2019)"): few sentences start with a bare number. Abbreviations that may end
 * a sentence ("et al.") end one before a capital.
 */
const SENTENCE_START = String.raw`(?:(?=[\p{Lu}"“*])${NOT_A_TIMES_DAY_OR_ZONE}|(?<!\bal\.\s+)(?=\()(?!${LABEL}(?:\s|$))|(?<!\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|al|Tab|(?:\p{L}\.)+\p{L})\.\s+)(?=\d))`;

/** After a bracketed label and the citation markers that close its sentence ("…questions." (Citation) [1] Agency…"). */
const AFTER_LABEL = String.raw`(?<=\)(?:\s*\[\d+\])+)\s+(?=[\p{Lu}"“*(])`;

/** After a sentence's end (a closing quote or bracket may follow) and its citation markers, before the next sentence's first character. */
export const SENTENCE_BREAK = new RegExp(String.raw`(?<=${SENTENCE_STOP}["”')\]]?(?:\s*\[\d+\])*)\s+${SENTENCE_START}|${AFTER_LABEL}|${AFTER_NAME_PART}`, "u");

/**
 * Splits prose into sentences, keeping `[n]` citation markers with the sentence they follow and list
 * items as sentences of their own. Abbreviations like "e.g." and decimals like "3.85%" do not end one.
 */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  for (const block of text.split(/\n\s*\n|\n(?=\s*(?:[-*•]|\d+[.)])\s)/)) {
    // One space between words: a long run of them would make the sentence break's lookbehind backtrack.
    const line = block.replace(/\s+/g, " ").trim();
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
    let open = depth(sentence);
    let longer = sentence;
    let stillOpen = open;
    for (let j = i + 1; open > 0 && j < pieces.length; j++) {
      longer = `${longer} ${pieces[j]}`;
      stillOpen += depth(pieces[j]!);
      if (longer.length > MAX_PARENTHESIS) break;
      if (stillOpen <= 0) {
        sentence = longer;
        open = stillOpen;
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
