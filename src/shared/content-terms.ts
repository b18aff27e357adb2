import { stem as porter2 } from "porter2";

/**
 * The words of a text that carry meaning, lightly stemmed, for comparing a question, an answer sentence
 * and a passage lexically (gating, grounding, extractive answers). Deliberately simple and deterministic:
 * it must behave identically offline and in tests.
 */
const STOP_WORDS = new Set(
  `a an the and or but nor so yet of in on at to for from by with without within into onto over under about
  above below after before between through during until up down out off than then too very can could would
  should will shall may might must do does did done doing am is are was were be been being have has had having
  i me my mine we us our ours you your yours he him his she her hers it its they them their theirs this that
  these those there here what which who whom whose when where why how all any both each few more most other
  some such no not only own same just also if as because while again further once ever never always much many
  get got gets getting go goes going went need needs want wants like one two im i'm ive i've dont don't
  can't cant wont won't isn't aren't doesn't didn't it's that's there's let lets use used using make
  hi hey hello thanks thank please pls ok okay yeah really actually pretty sure kinda just anyone someone
  know tell help thing things stuff way random quick curious wondering q per via etc else since though unless
  whether till ago supposed myself yourself yourselves ourselves themselves himself herself itself ours theirs
  hers against anybody everybody everyone somebody nobody anything everything something nothing anywhere
  everywhere somewhere nowhere`.split(/\s+/),
);

/** Porter2, the English stemmer LanceDB's full-text index uses too, so a question and its passage meet. */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  return porter2(word);
}

function tokenize(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[’']/g, "'")
    .split(/[^\p{L}\p{N}'$%]+/u)
    .map((word) => word.replace(/'s$/, "").replace(/^'+|'+$/g, ""))
    .filter(Boolean);
}

/** Stemmed content words, in order, repeats kept. */
export function contentTerms(text: string): string[] {
  const words = tokenize(text);
  return words.filter((word, i) => !STOP_WORDS.has(word) && (word.length > 1 || /\d/.test(word)) && !isMeasureAsked(words[i - 1], word)).map(stem);
}

/**
 * "How long", "how often", "how far", "how soon": the word after "how" asks for a measure (weeks, a date, a
 * number) and is not the topic. As a search word it finds "however long you serve on a jury" for "how long is
 * parental leave?".
 */
export function isMeasureAsked(previous: string | undefined, word: string): boolean {
  return previous === "how" && MEASURES.has(word);
}

const MEASURES = new Set(["long", "often", "far", "soon", "frequently", "quickly", "fast"]);

export function termSet(text: string): Set<string> {
  return new Set(contentTerms(text));
}

/** How many of the wanted words (termSet) a text has. */
export function sharedWords(text: string, wanted: Set<string>): number {
  let shared = 0;
  for (const term of termSet(text)) if (wanted.has(term)) shared++;
  return shared;
}

/** Which sentence has the most of the wanted words: the first of those that tie (0 when there are none). */
export function mostMatchingSentence(sentences: string[], wanted: Set<string>): number {
  let best = 0;
  let most = -1;
  sentences.forEach((sentence, i) => {
    const shared = sharedWords(sentence, wanted);
    if (shared > most) [best, most] = [i, shared];
  });
  return best;
}
