import { contentTerms } from "../shared/content-terms.ts";
import { isEnglishWord } from "../shared/english-words.ts";
import { prepareQuery } from "../retrieval/prepare-query.ts";
import { namesIn } from "../shared/names-in.ts";

/** Openings that continue the previous question rather than ask a new one: "what about adoption?" */
const CONTINUES = /^(and|but|or|what about|how about|same|what if|then)\b/i;
/** A thank-you or an "ok" before the question says nothing about its topic. ("Also, …" often brings a new one.) */
const ACKNOWLEDGES = /^((ok(ay)?|cool|great|nice|perfect|thanks|thank you|thx|got it|makes sense)( so much| a lot)?\b[\s,.!:;-]*)+/i;
/** An opening that says the topic changes: "unrelated, but…", "different question:", "totally separate thing -". */
const SWITCHES =
  /^(?:[\p{L}']+[\s,]+){0,2}?(unrelated|(different|separate|another|new|other|side) (question|topic|thing|subject)|switching (gears|topics?|subjects?)|chang(e|ing) (the )?(subject|topic)|on another note|by the way|btw|off[- ]topic|random (q|question))\b/iu;
/** Words that point back at something named earlier: "is it paid?", "does that apply to contractors?" */
const REFERS_BACK = /\b(it|that|this|they|them|those|these|same)\b/i;
/** An "it" that stands for nothing named before: "is it ok to…", "it's possible to…". */
const EXPLETIVE_IT =
  /\b((is|was|would|will|could) it( be)?|it['’]?s|it is) (ok|okay|alright|all right|possible|fine|allowed|acceptable|true|worth|normal|legal|required|mandatory|necessary|advisable)\b/gi;

/**
 * Turns a follow-up into a query that stands on its own without a model, because retrieval sees only the
 * query: "and for contractors?" after a leave question must still search for leave. The earlier question's
 * topic words are carried over only when the follow-up cannot stand alone: it opens as a continuation, or
 * it points back and names almost nothing itself. A question that names its own topic ("what's the wifi
 * password at the office?") or says it changes the subject ("unrelated, but…") is searched as it is, or
 * the thread's old topic would leak into a new one. Measured on 60 threads over four handbooks
 * (docs/answer-quality.md): the last turn's page in the top 5 for 0.85 → 0.90 of them, its answer quoted 0.47 → 0.53.
 */
export function carryTopic(text: string, previousQuestion: string | undefined): string {
  if (!previousQuestion) return text;
  const opening = text.trim().replace(ACKNOWLEDGES, "");
  const switches = SWITCHES.test(opening);
  // Counted as searched: "do I still get paid?" names one thing ("paid"), not two.
  const own = new Set(contentTerms(prepareQuery(opening.replace(SWITCHES, "")))).size;
  const pointsBack = REFERS_BACK.test(text.replace(EXPLETIVE_IT, ""));
  // "btw, is it paid?" still asks about the thread's topic: it names nothing else.
  if (switches) return pointsBack && own <= 1 ? withTopic(text, previousQuestion) : text;
  // Pointing back, a question may still name two or three things of its own ("how much is it if I use my own
  // computer?"): on 60 threads, carrying the topic up to three measured better than up to two.
  const cannotStandAlone = CONTINUES.test(opening) || (own <= 1 && !namesSomething(opening)) || (pointsBack && own <= 3);
  return cannotStandAlone ? withTopic(text, previousQuestion) : text;
}

function withTopic(text: string, previousQuestion: string): string {
  const topic = [...new Set(previousQuestion.replace(/[?!.]+/g, " ").split(/\s+/))].filter((word) => contentTerms(word).length > 0).join(" ");
  return `${topic} ${text}`.trim();
}

/**
 * "what's Kandji?", "who runs SIP?": one word, but a name (capitalised after a sentence's first word, or no
 * English word), and a name is a topic of its own.
 */
function namesSomething(text: string): boolean {
  const names = namesIn(text);
  return (text.match(/\p{L}[\p{L}\p{N}'’-]*/gu) ?? [])
    .map((word) => word.replace(/['’]s$/u, "").toLowerCase())
    .some((word) => contentTerms(word).length > 0 && (names.has(word) || !isEnglishWord(word)));
}
