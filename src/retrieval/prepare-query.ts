import { isMeasureAsked } from "../shared/content-terms.ts";

/**
 * Words that carry tone, not topic, in the way people type into chat. The index's English analyzer
 * already drops ordinary stop words ("the", "how"); these are the ones it keeps that only add noise to
 * BM25 ("pretty sure I just clicked…", "random q but…").
 */
const CHATTY_WORDS = new Set(
  `hi hey hello thanks thank thx please pls plz ok okay um uh hmm lol haha yeah yep nope
  just really actually basically literally pretty sure kinda sorta gonna wanna gotta like maybe probably
  anyone anybody someone somebody everyone guys folks team question questions q quick random wondering
  wonder curious know knows tell help helps need needs want wants get got go going thing things stuff
  can could would should will shall may might must do does did done doing am is are was were be been
  i i'm im i've ive i'd id me my mine we we're our us you your yours it it's its this that these those there
  here what which who whom whose when where why how any some all also even still yet already now
  again ever never always much many lot lots way ways`.split(/\s+/),
);

/** Turns a chat message into a full-text query: lower case, no punctuation, no chatty words. */
export function prepareQuery(question: string): string {
  const words = question
    .toLowerCase()
    .replace(/<[^>]*>/g, " ")
    .replace(/[’']/g, "'")
    .split(/[^\p{L}\p{N}'$%.-]+/u)
    .map((word) => word.replace(/^[.'$%-]+|[.'-]+$/g, ""))
    .filter((word) => word.length > 0);
  const kept = words.filter((word, i) => !CHATTY_WORDS.has(word) && !isMeasureAsked(words[i - 1], word));
  // A question made only of chatty words ("what do I do now") still searches for something.
  return (kept.length > 0 ? kept : words).join(" ");
}
