import { atxHeading } from "../shared/atx-heading.ts";
import { contentTerms, termSet } from "../shared/content-terms.ts";
import { HEADING_SEPARATOR, headingWords } from "../shared/heading-path.ts";
import { isEnglishWord } from "../shared/english-words.ts";
import { plainText } from "../shared/plain-text.ts";
import { particularsIn } from "../shared/names-in.ts";
import { namedHeading, sectionReferences, splitAtHeadings } from "../shared/section-references.ts";
import { splitSentences } from "../shared/split-sentences.ts";
import { withUnitsSpelledOut } from "../shared/units-spelled-out.ts";
import type { Logger } from "../logger.ts";
import { PASSAGE_BREAK, splitPassages, type AnswerGenerator, type GenerationInput, type SourcePassage } from "./answer-generator.ts";
import type { Embedder } from "./embedder.ts";
import { LOCAL_EMBEDDING_MODEL } from "./local-embedder.ts";
import { definitionAsked } from "./definition-asked.ts";
import { quantityAsked } from "./quantity-asked.ts";
import { questionParts } from "./question-parts.ts";
import { keepingVectors, sentenceSimilarities } from "./sentence-similarity.ts";

interface Unit {
  n: number;
  /** Position of this unit within its passage, so neighbours can be found. */
  at: number;
  sentence: string;
  /** The heading (sectionKey) the sentence stands under in its passage, when the passage shows it. */
  section: string | null;
  /** Which part of the passage (cut at headings and passage breaks) the sentence is in, and its heading's level (0: none). */
  part: number;
  level: number;
  /** How well the sentence matches the question, weighed by its passage's rank: what picks the anchor. */
  score: number;
  /** The question's words it has (rare ones weigh most), before that weighing. */
  match: number;
  /** Its source's place in retrieval's order. */
  rank: number;
  /** Its source's strength in retrieval (SourcePassage.strength). */
  strength?: number;
  /** A lead-in's list items, each read with the lead-in: how a long list is weighed by meaning. */
  items?: string[];
  /** It says what the question asks about is (definitionAsked). */
  defines?: boolean;
  /** Its paragraph is followed by a list, this many units on: what a "listed below" in it points to. */
  leadsTo?: number;
  /** It is a list item: what it means may be in the heading it stands under ("Not OK"), not in its own words. */
  item?: boolean;
  /** The text of that heading: the passage's heading line, or the heading retrieval found the passage under. */
  label?: string;
  /** Its page's title and that heading: what a sentence is also read with to judge its meaning (weighByMeaning). */
  about: string;
  /** Its closeness in meaning to the question, relative to the closest sentence's (0..1; set by weighByMeaning). */
  meaning?: number;
}

/** About four sentences: enough to carry a rule with its condition, short enough to read in chat. */
const TARGET_CHARS = 600;
const MAX_CHARS = 800;
/** A second sentence joins the quote when it scores this share of the anchor's score (withRunnerUp)… */
const RUNNER_UP_SHARE = 0.8;
/** …within this length, for which the quote's least fitting sentences make room. */
const MAX_CHARS_WITH_RUNNER_UP = 900;
/**
 * What a question of the sources counts for as the anchor: measured on six sets, one more answer held what was
 * asked, by meaning and by words alone, and none fewer (as at 0.8 or 0).
 */
const QUESTION_WEIGHT = 0.5;
const QUESTION = /\?["”’)]?$/;
/** Longer units (a long list with its lead-in, mostly) are too long to quote as one piece. */
const MAX_UNIT_CHARS = 600;
/** How much better a lower-ranked passage's sentence must match: by 1 + rank × this. */
const RANK_PENALTY = 1.5;
/**
 * A passage joined to its document's best one counts as this much of a rank further down: retrieval ranked it
 * lower, but it is the same document. A whole rank kept the answer out when it sat in the page's next passage
 * (measured on seven sets: at 0.5 three more answers were quoted and none lost; with no penalty, 16 gained and 13 lost).
 */
const SEGMENT_PENALTY = 0.5;
/**
 * How much more a sentence that states a quantity counts as the anchor when one is asked for (quantityAsked).
 * Measured on six sets: at 1.1, one more first citation and one more answer held what was asked; at 1.0 one
 * more answerable question was declined (its quote's sentences held no number); at 1.3 two answers lost.
 */
const QUANTITY_PREFERENCE = 1.1;
/** How much more a sentence that says what the asked-about thing is counts (definitionAsked). */
const DEFINITION_BONUS = 2;
/** With an embedding model: how much of a sentence's score is its closeness in meaning, the rest its words. */
const MEANING_WEIGHT = 0.7;
/**
 * Chosen by meaning, a sentence counts by the square root of its document's strength in the search
 * (SourcePassage.strength): a sentence's meaning judges better than the search which source answers, but how
 * well the whole page matched still tells the page about the topic from one that mentions it in passing.
 * Measured with all-MiniLM-L6-v2 (docs/answer-quality.md): full-text, on fourteen sets, the first citation
 * was relevant 350 times in 438 (333 with the sources' order ignored, as before; 346 at the power 0.3, 349 at
 * 0.7, 336 at 1), and the answer held what was asked 285 times (275). Hybrid, on the two public sets, it did
 * as well as the rank discount it replaced (1 + rank × 0.5): 18F's first citation 0.82 → 0.84 and holds 0.48 →
 * 0.46, the guidebook's 0.731 → 0.731 and 0.635 → 0.654, one more of its 52 wrongly declined (3).
 */
const STRENGTH_POWER = 0.5;

/**
 * Below this closeness of the best sentence, by model, the sources do not answer (isFarInMeaning). Measured on six
 * sets (docs/answer-quality.md): of 40 unanswerable questions 4 more were declined, of 262 answerable 2, neither
 * quoted from a relevant page; at 0.40, 9 and 9, two of them relevant.
 */
const FAR_IN_MEANING: Record<string, number> = { [LOCAL_EMBEDDING_MODEL]: 0.35 };
/**
 * The same cut for a question with a word the knowledge base never uses ("sabbatical", "gym", "bereavement"): with
 * no sentence close to it either, what it asks about is not covered. A name or a time is no such word (particularsIn).
 * Measured on six sets (docs/answer-quality.md): 7 more of 40 unanswerable questions declined, 4 more of 262
 * answerable; at 0.5, 12 and 11.
 */
const FAR_IN_MEANING_WITH_ABSENT_WORD: Record<string, number> = { [LOCAL_EMBEDDING_MODEL]: 0.45 };
/** A question of fewer content words names a topic, and no sentence in particular comes close to it (isFarInMeaning). */
export const MIN_TERMS_JUDGED_BY_MEANING = 3;

interface ExtractiveOptions {
  /** Chooses the quote by meaning as well as words. */
  embedder?: Embedder | null;
  logger?: Logger;
}

/**
 * Answers without a language model by quoting the sources. The answer quotes the passage holding the one
 * sentence that best matches the question (rare question words weigh most): from the passage's opening, in
 * document order, so a rule keeps its condition and a lead-in keeps its list, and with that sentence always
 * included. Every sentence is quoted from its source, so the answer is grounded by construction.
 */
export function createExtractiveAnswerGenerator(options: ExtractiveOptions = {}): AnswerGenerator {
  return {
    mode: "extractive",
    name: "extractive",
    // Only with a model whose cut is known (isFarInMeaning): with another, nothing is declined for its meaning.
    judgesMeaning: options.embedder ? FAR_IN_MEANING[options.embedder.model] !== undefined : false,
    async generate(input, generateOptions) {
      const text = await composeExtractiveAnswer(input, options);
      if (text) generateOptions?.onDelta?.(text);
      return text;
    },
    async warmUp() {
      await options.embedder?.embed(["What is this knowledge base about?"]);
    },
  };
}

async function composeExtractiveAnswer(
  input: Pick<GenerationInput, "query" | "question" | "passages" | "absentWords">,
  { embedder: model, logger }: ExtractiveOptions,
): Promise<string> {
  const embedder = model ? keepingVectors(model) : null;
  const queryTerms = termSet(withUnitsSpelledOut(`${input.query} ${input.question}`));
  if (queryTerms.size === 0) return "";
  const weights = termWeights(queryTerms, input.passages);
  const defines = definitionAsked(input.question);
  const units = input.passages.map((passage, rank) => unitsOf(passage, rank, queryTerms, weights, defines));
  let byMeaning = false;
  if (embedder) {
    const closest = await weighByMeaning(units.flat(), input.query, embedder).catch((error: Error) => {
      logger?.warn({ err: error.message }, "could not embed the sources' sentences; choosing the quote by its words alone");
      return null;
    });
    // "Moving to Portugal in the summer": a place or a season the knowledge base never names says where or when,
    // not what is asked about, so it does not make the answer come closer than any other question.
    const particulars = particularsIn(input.question);
    const lacksSubject = (input.absentWords ?? []).some((word) => !particulars.has(word));
    if (closest !== null && isFarInMeaning(closest, embedder.model, queryTerms.size, lacksSubject)) return "";
    byMeaning = closest !== null;
  }
  // A question in the sources (an FAQ's, a checklist's "Who is on call?") asks what the answer should say: it
  // shares the asker's words and form, and is quoted as the context of what answers it, rarely as the anchor.
  for (const unit of units.flat()) if (QUESTION.test(unit.sentence)) unit.score *= QUESTION_WEIGHT;
  // Asked "how many weeks…?", the sentence that states a number is the likelier answer. (The runner-up still
  // has to match the question nearly as well as the anchor does; of those that do, it is chosen the same way.)
  const quantity = quantityAsked(input.question);
  const weight = (unit: Unit) => (quantity?.(unit.sentence) ? QUANTITY_PREFERENCE * unit.score : unit.score);
  const anchor = heaviest(units.flat(), weight);
  if (!anchor) return "";

  // One source only. A sentence from another source that shares more of the question's words was measured
  // as an addition (docs/answer-quality.md): most such sentences share the words and not the topic
  // ("a license" → a sentence about licensed physicians), and they added no answer with full-text retrieval.
  // A definition goes on with what follows it; the passage that outranked its own is about something else.
  const parts = questionParts(input.question);
  const quoteFrom = (from: Unit) => {
    const own = units[input.passages.findIndex((p) => p.n === from.n)]!;
    const quoted = withRunnerUp(from.defines ? readOn(own, from) : quoteAround(own, from), own, from, weight);
    return withEachPartAnswered(quoted, own, from, parts, weights, byMeaning ? embedder : null);
  };
  let lead = anchor;
  let chosen = await quoteFrom(anchor);
  // A quote that states no quantity does not answer "how many…?". The best sentence that states one answers
  // instead when it matches the question nearly as well as the anchor (as a runner-up must); without one, the
  // sources are about the topic, not the figure asked for ("what's the minimum test coverage % a PR needs?" of
  // a page on reviewing pull requests). Chosen by words alone, the quote misses the sentence that states it too
  // often to tell (docs/answer-quality.md). A message that asks several things has each answered on its own
  // (withEachPartAnswered): one part's figure missing leaves the others' answers standing.
  if (quantity && byMeaning && parts.length === 0 && !chosen.some((unit) => quantity(unit.sentence))) {
    const stating = heaviest(
      units.flat().filter((unit) => quantity(unit.sentence) && weight(unit) >= RUNNER_UP_SHARE * weight(anchor)),
      weight,
    );
    if (!stating) return "";
    lead = stating;
    chosen = await quoteFrom(stating);
  }
  if (byMeaning) chosen = withSecondSource(chosen, units, lead, weight);
  // A unit can hold several sentences (a list item with two): each is cited, as the grounding check reads them one by one.
  return withLabels(chosen)
    .flatMap((unit) => splitSentences(unit.sentence).map((sentence) => `${withFinalStop(sentence)} [${unit.n}]`))
    .join(" ");
}

/** The unit that weighs most (none when none weighs anything). */
function heaviest(units: Unit[], weight: (unit: Unit) => number): Unit | null {
  return units.reduce<Unit | null>((best, unit) => (weight(unit) > (best ? weight(best) : 0) ? unit : best), null);
}

/**
 * List items quoted with the heading they stand under, once for each run of them: under "Not OK", "Go out on a
 * regular speaking circuit tour" is no advice, and under "Senior" a level's criteria are not another level's. An
 * item quoted after another sentence of its section has that for its context, and a heading the answer has
 * already given is not given again (items of one long list quoted from two passages).
 */
function withLabels(chosen: Unit[]): Unit[] {
  const given = new Set<string>();
  return chosen.map((unit, i) => {
    const previous = chosen[i - 1];
    const introduced = previous !== undefined && previous.n === unit.n && previous.part === unit.part;
    if (!unit.item || !unit.label || introduced || unit.sentence.toLowerCase().startsWith(unit.label.toLowerCase())) return unit;
    const key = `${unit.n}:${unit.label.toLowerCase()}`;
    if (given.has(key)) return unit;
    given.add(key);
    return { ...unit, sentence: `${unit.label}: ${unit.sentence}` };
  });
}

/**
 * The passage read from its opening, up to about TARGET_CHARS, with the anchor always in: a passage opens
 * with its section's point (retrieval chose the passage, the opening says what it is about), and the anchor
 * is where the question's own words are. When the opening does not reach the anchor, the anchor comes first
 * and the opening, cut short, gives its context. An anchor that points to another section of the page
 * ("see … below") is followed by that section instead.
 */
function quoteAround(units: Unit[], anchor: Unit): Unit[] {
  // 'see "Working from abroad" below': the answer goes on with that section when the passage holds it.
  const named = namedHeading(
    sectionReferences(anchor.sentence),
    units.flatMap((unit) => (unit.section && unit.section !== anchor.section ? [unit.section] : [])),
  );
  const target = named ? units.find((unit) => unit.section === named && isQuotable(unit.sentence)) : null;
  if (target) return [anchor, ...readOn(units, target, { withinSection: true }).filter((unit) => unit !== anchor)];
  const opening =
    units.find(
      (unit) =>
        isQuotable(unit.sentence) &&
        readsAsProse(unit.sentence) &&
        !isDanglingReference(unit.sentence, units) &&
        !introducesWhatIsLeftOut(unit, units) &&
        !unit.sentence.startsWith(ELLIPSIS),
    ) ?? anchor;
  const chosen = readOn(units, opening);
  if (chosen.includes(anchor)) return chosen;
  const kept: Unit[] = [];
  let length = anchor.sentence.length;
  for (const unit of chosen) {
    // The opening's first piece may fill the answer up to MAX_CHARS (a lead-in with its list, often): else a
    // long one leaves the anchor alone, without the context it came with.
    if (length + unit.sentence.length > (kept.length === 0 ? MAX_CHARS : TARGET_CHARS)) break;
    kept.push(unit);
    length += unit.sentence.length;
  }
  return withoutDanglingReferences([anchor, ...kept], units, anchor);
}

/**
 * The quote with the source's next best sentence, when it matches the question nearly as well as the anchor
 * and was left out: a question often asks two things ("how early should I start, and is my leave paid
 * out?"), and the sentence that answers often sits a few paragraphs past the one that shares the question's
 * words. The quote's least fitting sentences (other than the anchor; of equals, the later) give way to it,
 * so the answer stays short. Measured on six sets (docs/answer-quality.md): 14 more answers held what was
 * asked and none fewer, where quoting as much more of the passage's opening gained 3.
 */
function withRunnerUp(chosen: Unit[], units: Unit[], anchor: Unit, weight: (unit: Unit) => number): Unit[] {
  const runnerUp = units
    .filter((unit) => unit !== anchor && !chosen.includes(unit) && unit.score >= RUNNER_UP_SHARE * anchor.score && standsAlone(unit, units))
    .reduce<Unit | null>((best, unit) => (best === null || weight(unit) > weight(best) ? unit : best), null);
  return runnerUp ? withAdded(chosen, runnerUp, units, [anchor]) : chosen;
}

/**
 * The quote with the best sentence of another source that matches the question nearly as well as the lead (as a
 * runner-up must) and comes at least as close to it in meaning: the question's words chose one page and its
 * meaning another ("how much notice do I give if I leave?": time off's notice, and a resignation's), and the
 * asker is shown both, the lead's quote whole. Measured on thirteen sets (docs/answer-quality.md): 9 more
 * answers of 410 held what was asked, none fewer; trimming the quote to make room lost one.
 */
function withSecondSource(chosen: Unit[], units: Unit[][], lead: Unit, weight: (unit: Unit) => number): Unit[] {
  const second = heaviest(
    units
      .filter((passage) => !passage.includes(lead))
      .flatMap((passage) =>
        passage.filter(
          (unit) =>
            weight(unit) >= RUNNER_UP_SHARE * weight(lead) &&
            (unit.meaning ?? 0) >= (lead.meaning ?? 1) &&
            !QUESTION.test(unit.sentence) &&
            standsAlone(unit, passage),
        ),
      ),
    weight,
  );
  return second ? [...chosen, second] : chosen;
}

/** A sentence that makes sense added to a quote without its neighbours. */
function standsAlone(unit: Unit, units: Unit[]): boolean {
  return isQuotable(unit.sentence) && readsAsSentence(unit.sentence) && !isDanglingReference(unit.sentence, units) && !introducesWhatIsLeftOut(unit, units);
}

/**
 * The quote with a sentence added, within MAX_CHARS_WITH_RUNNER_UP: the quote's least fitting sentences (other
 * than those kept; of equals, the later) give way to it. A sentence whose paragraph introduces a list comes
 * with its paragraph and the list when they fit (withListLedTo).
 */
function withAdded(chosen: Unit[], added: Unit, units: Unit[], keep: Unit[]): Unit[] {
  const listed = withListLedTo(added, units, chosen);
  return (listed.length > 1 ? withRoomFor(chosen, listed, units, keep) : null) ?? withRoomFor(chosen, [added], units, keep) ?? chosen;
}

/** The quote with these units added at its end, or null when they leave no room for the units kept. */
function withRoomFor(chosen: Unit[], added: Unit[], units: Unit[], keep: Unit[]): Unit[] | null {
  const kept = chosen.filter((unit) => !added.includes(unit));
  const length = () => [...kept, ...added].reduce((sum, unit) => sum + unit.sentence.length, 0);
  while (length() > MAX_CHARS_WITH_RUNNER_UP) {
    const weakest = kept.reduce((at, unit, i) => (!keep.includes(unit) && (at < 0 || unit.score <= kept[at]!.score) ? i : at), -1);
    if (weakest < 0) return null;
    kept.splice(weakest, 1);
  }
  return withoutDanglingReferences([...kept, ...added], units, keep[0]);
}

/**
 * A sentence with the paragraph it stands in and the list that follows the paragraph, when the quote lacks some of
 * its items: "To get approval, you will need to submit the following paperwork… Note: draft all four first."
 * answers "what paperwork do I need?" only with the paperwork listed. Otherwise the sentence alone. Measured on
 * thirteen sets (docs/answer-quality.md): 2 more answers of 410 held what was asked, none fewer; 5 changed.
 */
function withListLedTo(unit: Unit, units: Unit[], chosen: Unit[]): Unit[] {
  if (unit.leadsTo === undefined) return [unit];
  const list = unit.at + unit.leadsTo;
  let end = list;
  while (units[end]?.item) end++;
  if (units.slice(list, end).every((item) => chosen.includes(item))) return [unit];
  let start = unit.at;
  while (start > 0 && units[start - 1]!.leadsTo === list - (start - 1)) start--;
  return units.slice(start, end);
}

/**
 * A message that asks two things ("how do I ask for a reasonable accommodation, and how long until I hear
 * back?") is answered on both: the sentence of the quoted source that best answers each question it asks
 * (by that question's own words, and its meaning with a model) joins the quote when it is not in it. The whole
 * message's best sentence answers the question its words weigh most in, and the other is often left out.
 */
async function withEachPartAnswered(
  chosen: Unit[],
  units: Unit[],
  anchor: Unit,
  parts: string[],
  weights: Map<string, number>,
  embedder: Embedder | null,
): Promise<Unit[]> {
  let answered = chosen;
  const keep = [anchor];
  for (const part of parts) {
    const terms = termSet(part);
    // "how long until I hear back?" shares no word with "…within three calendar days of receipt": by meaning,
    // the sentences stating the quantity asked for answer it, and only they ("uses two factors" shares the
    // topic of "how often…?", not a frequency). By words alone, nothing tells which of them does.
    const quantity = quantityAsked(part);
    const byQuantity = embedder !== null && quantity !== null;
    const candidates = units.filter(
      (unit) =>
        standsAlone(unit, units) &&
        !QUESTION.test(unit.sentence) &&
        (byQuantity ? quantity(unit.sentence) : contentTerms(unit.sentence).some((term) => terms.has(term))),
    );
    if (candidates.length === 0) continue;
    const matches = candidates.map((unit) => sharedWeight(new Set(contentTerms(unit.sentence)), terms, weights));
    const bestMatch = Math.max(...matches, Number.MIN_VALUE);
    const closeness = embedder
      ? await sentenceSimilarities(
          embedder,
          part,
          candidates.map((unit) => unit.sentence),
        )
      : null;
    const closest = closeness ? Math.max(...closeness, Number.MIN_VALUE) : 1;
    const fit = (i: number) =>
      (quantity?.(candidates[i]!.sentence) ? QUANTITY_PREFERENCE : 1) *
      (closeness ? byWordsAndMeaning(matches[i]! / bestMatch, Math.max(0, closeness[i]!) / closest) : matches[i]!);
    const best = candidates.reduce((at, _, i) => (fit(i) > fit(at) ? i : at), 0);
    const answer = candidates[best]!;
    // Answered already when the quote holds a sentence that fits it nearly as well.
    const quotedFit = Math.max(0, ...candidates.map((unit, i) => (answered.includes(unit) ? fit(i) : 0)));
    if (quotedFit >= RUNNER_UP_SHARE * fit(best)) continue;
    answered = withAdded(answered, answer, units, keep);
    keep.push(answer);
  }
  return answered;
}

/**
 * A sentence and the ones after it in its passage, up to about TARGET_CHARS: the sentence after a rule is
 * usually its condition or exception. The sentence before joins when the first leans on it ("This applies
 * to…"). References to text that is not quoted ("see below") are left out.
 */
function readOn(units: Unit[], first: Unit, options: { withinSection?: boolean } = {}): Unit[] {
  const chosen = [first];
  let length = first.sentence.length;
  const previous = units[first.at - 1];
  // Not across a passage break: what came before it in the document was not retrieved.
  if (previous && previous.sentence !== PASSAGE_BREAK && LEANS_BACK.test(first.sentence) && !isDanglingReference(previous.sentence, units)) {
    chosen.unshift(previous);
    length += previous.sentence.length;
  }
  for (let at = first.at + 1; at < units.length && length < TARGET_CHARS; at++) {
    const next = units[at]!;
    // A joined passage is another place in the document; with withinSection, so is the next section beside or
    // above this one. (Otherwise a quote reads on into it: measured on both public sets, stopping there quoted
    // no more answers, and an anchor in the wrong one of two short sections then had no way to reach the other.)
    const leaves = options.withinSection && next.part !== first.part && next.level > 0 && next.level <= first.level;
    if (next.sentence === PASSAGE_BREAK || leaves) break;
    if (
      (isDanglingReference(next.sentence, units) && next.leadsTo === undefined) ||
      introducesWhatIsLeftOut(next, units) ||
      CAPTION.test(next.sentence) ||
      !readsAsSentence(next.sentence) ||
      (!next.item && !readsAsProse(next.sentence))
    )
      continue;
    if (length + next.sentence.length > MAX_CHARS) break;
    chosen.push(next);
    length += next.sentence.length;
  }
  return withoutDanglingReferences(chosen, units, first);
}

/** References to text the quote leaves out; one to a list stays when the list is quoted too. */
function withoutDanglingReferences(chosen: Unit[], units: Unit[], keep?: Unit): Unit[] {
  const quotes = (at: number) => chosen.some((unit) => unit.at === at);
  return chosen.filter((unit) => unit === keep || !isDanglingReference(unit.sentence, units) || (unit.leadsTo !== undefined && quotes(unit.at + unit.leadsTo)));
}

/**
 * A run-in label ("Abstract.", "Proof.", "Q.", "Answer."), a figure's tick values ("0.", "25."), a word set
 * letter by letter or an address on a line of its own ("billing.example.com."): two words at least make a
 * sentence worth quoting.
 */
function readsAsSentence(unit: string): boolean {
  return /\S\s+\S/.test(unit) && (unit.match(/(?<![\p{L}\p{N}])\p{L}{2,}/gu) ?? []).length >= 2;
}

/**
 * A passage's opening is quoted for its point, so it must read as a sentence: a paper's byline ("LIFL, SequeL,
 * INRIA Futurs, Lille, France") or a heading left in the text ("Creation of TrueNorth Program") names things
 * in capitals and says nothing. A "Field: value" line ("Employer Name: General Services Administration") is
 * what a form asks for, and may open.
 */
function readsAsProse(unit: string): boolean {
  const words = unit.match(/\p{L}[\p{L}'’-]*/gu) ?? [];
  if (words.length === 0) return false;
  // A sentence full of names ("Contact Jane Smith in IT Ops.") still ends like one; a byline or heading does not.
  if (/[.!?…]["”’)]?$/u.test(unit) || /\p{L}:\s/u.test(unit)) return true;
  return words.filter((word) => !/^\p{Lu}/u.test(word)).length >= 0.4 * words.length;
}

const LEANS_BACK = /^(this|these|that|those|it|they|such|however|but|also|otherwise|in (this|that) case)\b/i;

/**
 * "See Working from abroad below", "Our full policy is below for reference.", a section that only says "See
 * Purpose." (a heading of the same passage; "See HR for details." names none and is an instruction): it points
 * at text the answer does not quote.
 */
function isDanglingReference(sentence: string, units: Unit[]): boolean {
  if (/:$/.test(sentence)) return false;
  return (
    /\b(see|described|listed|explained|outlined|detailed)\b[^.]*\b(below|above)\b/i.test(sentence) ||
    /\b(below|above)(\s+for\s+reference)?[.!]?$/i.test(sentence) ||
    (/^see\s+\S+(?:\s+\S+){0,4}$/i.test(sentence) &&
      namedHeading(
        sectionReferences(sentence),
        units.flatMap((unit) => (unit.section ? [unit.section] : [])),
      ) !== null)
  );
}

/**
 * "So you run this:" before a script, "as shown here:" before a diagram: what it introduces is no sentence and
 * stays out of the answer (a list would have been quoted with it, as one unit), so alone it says nothing.
 */
function introducesWhatIsLeftOut(unit: Unit, units: Unit[]): boolean {
  return /:$/.test(unit.sentence) && !units[unit.at + 1]?.item;
}

/** The weight of the question's words a sentence has. */
function sharedWeight(terms: Set<string>, asked: Set<string>, weights: Map<string, number>): number {
  let weight = 0;
  for (const term of terms) if (asked.has(term)) weight += weights.get(term) ?? 0;
  return weight;
}

/** A sentence's fit by its words and its meaning, each relative to the best of its sources (0..1). */
function byWordsAndMeaning(words: number, meaning: number): number {
  return (1 - MEANING_WEIGHT) * words + MEANING_WEIGHT * meaning;
}

/** Rare question words matter more: "concur" should outweigh "travel" in a travel handbook. */
function termWeights(queryTerms: Set<string>, passages: SourcePassage[]): Map<string, number> {
  const sets = passages.map((p) => termSet(`${p.title} ${p.heading ?? ""} ${p.text}`));
  const weights = new Map<string, number>();
  for (const term of queryTerms) {
    const df = sets.filter((set) => set.has(term)).length;
    weights.set(term, Math.log(1 + (passages.length + 1) / (df + 0.5)));
  }
  return weights;
}

function unitsOf(
  passage: SourcePassage,
  rank: number,
  queryTerms: Set<string>,
  weights: Map<string, number>,
  defines: ((sentence: string) => boolean) | null,
): Unit[] {
  const context = termSet(`${passage.title} ${passage.heading ?? ""}`);
  // A document's later passages were ranked below its first: each one joined counts as part of a rank further down.
  let segment = 0;
  return sectionsOf(passage)
    .flatMap(({ section, level, text, label }, part) =>
      [...asUnits(askedBy(text)), ...answerUnits(plainText(text))].map((unit) => ({ ...unit, section, level, part, label })),
    )
    .map(({ section, level, part, sentence, items, leadsTo, item, label }, at) => {
      if (sentence === PASSAGE_BREAK) segment++;
      const terms = new Set(contentTerms(sentence));
      let match = 0;
      if (isQuotable(sentence)) {
        match = sharedWeight(terms, queryTerms, weights);
        // Words of the question that the passage's title or heading already carry count a little too:
        // "How much is the per diem?" is answered by a sentence under "Per diem" that never repeats it.
        for (const term of context) if (queryTerms.has(term) && !terms.has(term)) match += 0.3 * (weights.get(term) ?? 0);
        // A sentence with a number or a deadline is usually the answer people are after.
        if (/\d/.test(sentence)) match *= 1.1;
      }
      // By words alone, retrieval's order is the better judge of which document answers: sentences of
      // lower-ranked sources must match much better to be the anchor. Asked what something is, the sentence
      // that says so answers wherever it stands in its page (often in the page's opening, which a later
      // passage outranked).
      const about = label ? `${passage.title} › ${label}` : passage.title;
      const unit = { n: passage.n, at, sentence, section, part, level, match, rank, strength: passage.strength, items, leadsTo, item, label, about };
      if (match > 0 && defines?.(sentence)) return { ...unit, defines: true, score: (DEFINITION_BONUS * match) / (1 + rank * RANK_PENALTY) };
      return { ...unit, score: match / (1 + (rank + segment * SEGMENT_PENALTY) * RANK_PENALTY) };
    });
}

/**
 * A section headed by a question (an FAQ's "### Is CycleScheme the only provider?") is quoted with it: its
 * first sentence ("Yes, as of December 2022.") answers that question and says nothing alone. Other headings
 * are no sentences and stay out of the answer.
 */
function askedBy(section: string): string[] {
  const heading = atxHeading(section.split("\n", 1)[0]!);
  return heading?.text.endsWith("?") ? [headingWords(heading.text)] : [];
}

/**
 * Scores the quotable sentences by their meaning as well as their words, each on a 0..1 scale: by meaning, the
 * sentence that answers the question is told from one that merely shares its words, in a lower-ranked source
 * as in the first, so sources count for their place in retrieval less than by words alone (STRENGTH_POWER), and
 * a source's later passages no longer count as further down.
 *
 * A sentence's closeness is the mean of two readings: the sentence alone, and the sentence under its page's
 * title and heading, which say what it is about ("Give your manager four weeks' notice in writing" under
 * "Leaving the company › Resignations" rather than "Time off"). Measured on eighteen sets (docs/answer-quality.md): answers
 * holding what was asked 366 → 375 of 550 (9 sets up, 1 down), first citations relevant 435 → 441; read with
 * its heading alone, 373 and 440, with three sets down by two or three. Returns the closest sentence's
 * closeness read alone, the scale the cuts of isFarInMeaning were measured on.
 */
async function weighByMeaning(units: Unit[], query: string, embedder: Embedder): Promise<number | null> {
  const quotable = units.filter((unit) => isQuotable(unit.sentence));
  const best = Math.max(0, ...quotable.map((unit) => unit.match));
  // Sources that share no word with the question answer nothing, whatever a model finds close in meaning.
  if (best === 0) return null;
  // A list's lead-in with its items is one long unit whose embedding blurs them all: each item, read with
  // the lead-in, is weighed too, and the closest stands for the unit.
  const readings = quotable.map((unit) => [unit.sentence, ...(unit.items ?? [])]);
  const scored = await sentenceSimilarities(embedder, query, [
    ...readings.flat(),
    ...readings.flatMap((texts, i) => texts.map((text) => `${quotable[i]!.about}\n${text}`)),
  ]);
  // The closenesses come back in the order sent: every unit's texts alone, then the same texts under their heading.
  let next = 0;
  const closestOf = (texts: string[]) => Math.max(...scored.slice(next, (next += texts.length)));
  const bySentence = readings.map(closestOf);
  const inContext = readings.map(closestOf);
  const closest = Math.max(...bySentence, Number.MIN_VALUE);
  const similarities = bySentence.map((similarity, i) => (similarity + inContext[i]!) / 2);
  const closestMean = Math.max(...similarities, Number.MIN_VALUE);
  quotable.forEach((unit, i) => {
    const meaning = Math.max(0, similarities[i]!) / closestMean;
    unit.meaning = meaning;
    unit.score = byWordsAndMeaning(unit.match / best, meaning) * (unit.strength ?? 1) ** STRENGTH_POWER;
  });
  return closest;
}

/**
 * No sentence of the sources comes close in meaning to a whole question: they share its words, not what it asks
 * ("what's the deductible on our dental plan?" of a handbook that says who runs the dental plan). A cosine is
 * the model's own scale, so the cut is known for the in-process model only. A query of one or two words names
 * a topic, and its embedding is close to no sentence in particular ("parking" and "It does not cover tolls or
 * parking, which can be expensed separately": 0.32), so it is never cut. A question with a word the knowledge base
 * never uses must come closer: the sentences that share its other words are about something else.
 */
function isFarInMeaning(closest: number, model: string, queryTerms: number, hasAbsentWord: boolean): boolean {
  const cut = (hasAbsentWord ? FAR_IN_MEANING_WITH_ABSENT_WORD : FAR_IN_MEANING)[model];
  return cut !== undefined && queryTerms >= MIN_TERMS_JUDGED_BY_MEANING && closest < cut;
}

/**
 * A passage cut at its headings, each part with the key of the heading it stands under and that heading's text
 * (a passage's text before its first heading stands under the heading retrieval found it under); the passages a
 * document's text joins stay apart, with the break between them.
 */
function sectionsOf(passage: SourcePassage): { section: string | null; level: number; text: string; label?: string }[] {
  const headings = passage.headings ?? [passage.heading];
  return splitPassages(passage.text).flatMap((text, i) => [
    ...(i > 0 ? [{ section: null, level: 0, text: PASSAGE_BREAK }] : []),
    ...splitAtHeadings(text).map((part) => {
      const heading = part.section === null ? null : atxHeading(part.text.split("\n", 1)[0]!);
      const label = heading?.text ?? headings[i]?.split(HEADING_SEPARATOR).at(-1);
      return { ...part, ...(label ? { label: headingWords(label) } : {}) };
    }),
  ]);
}

function isQuotable(sentence: string): boolean {
  return sentence.length >= 25 && sentence.length <= MAX_UNIT_CHARS && /[a-z]/.test(sentence) && !CAPTION.test(sentence);
}

/** "Figure 9: Variables at server on each site.": a caption describes a figure or table that a chat reply cannot show. */
const CAPTION = /^(?:figure|fig\.|table|tab\.|listing|algorithm|exhibit|chart)\s*[\dIVX]+[a-z]?\s*[.:]/i;

/**
 * Sentences, except that a sentence introducing a list ("The following expenses require receipts:")
 * takes its list along, because alone it answers nothing, and a list item (or a table cell) is one unit:
 * its first sentence often names what the rest is about ("Lead SRE (L4): Mentors… Manages 2-3 SREs.").
 */
function answerUnits(text: string): AnswerUnit[] {
  const units: AnswerUnit[] = [];
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean);
  const blocks = withLabelsRead(withBareListsMarked(withoutEmptyFields(paragraphs)));
  // A joined "[…]" lands as a block of its own; it stays, as a boundary no answer reads across.
  for (let i = 0; i < blocks.length; i++) {
    const sentences = splitSentences(blocks[i]!);
    // A paragraph that opens in lower case with an ordinary word goes on from text the passage does not hold
    // (a PDF paragraph cut by a figure or a page, the third of a sentence's enumerated conditions: "(C) have a
    // social security number."): the ellipsis says so. A list item may open in lower case.
    const opening = /^(?:\(?[A-Za-z\d]{1,2}\)\s+)?(\p{Ll}+)(?=[\s,;:])/u.exec(blocks[i]!)?.[1];
    if (opening && isEnglishWord(opening)) sentences[0] = `${ELLIPSIS}${sentences[0]}`;
    const last = sentences.at(-1);
    // A paragraph (not an item) that the list finishes introduces it too: "Incidents worth reporting will include".
    const leadsIn = last && (LEAD_IN.test(last) || (!isListItem(blocks[i]!) && /\p{Ll}$/u.test(last)));
    if (leadsIn && blocks[i + 1] && isListItem(blocks[i + 1]!)) {
      const items: string[] = [];
      while (blocks[i + 1] && isListItem(blocks[i + 1]!) && items.length < 8) items.push(itemText(blocks[++i]!));
      // The lead-in keeps as many items as fit in one quotable unit; a long list's later items stand alone.
      const lead = last.replace(LIST_ITEM, "").replace(/[.:]$/, "");
      let fit = 0;
      for (let length = lead.length; fit < items.length && length + items[fit]!.length + 2 <= MAX_UNIT_CHARS; fit++) length += items[fit]!.length + 2;
      const quoted = joinItems(items.slice(0, fit));
      const head = fit > 0 ? `${lead}: ${quoted}${/[?!]$/.test(quoted) ? "" : "."}` : last.replace(LIST_ITEM, "");
      units.push(
        ...asUnits(sentences.slice(0, -1).map((sentence) => sentence.replace(LIST_ITEM, ""))),
        { sentence: head, items: fit > 1 ? items.slice(0, fit).map((item) => `${lead}: ${item}`) : undefined },
        ...items.slice(fit).flatMap((item) => splitSentences(item).map((sentence) => ({ sentence, item: true }))),
      );
    } else if (blocks[i] === PASSAGE_BREAK) units.push({ sentence: PASSAGE_BREAK });
    else if (isShortItem(blocks[i]!) && blocks[i + 1] && isShortItem(blocks[i + 1]!)) {
      // A run of short items without a lead-in ("Monitor", "Keyboard", "Desk") reads as one sentence, not as
      // a string of one-word ones, each with its own citation.
      let run = blocks[i]!.replace(LIST_ITEM, "").replace(ITEM_END, "");
      while (blocks[i + 1] && isShortItem(blocks[i + 1]!)) {
        const item = blocks[i + 1]!.replace(LIST_ITEM, "").replace(ITEM_END, "");
        if (run.length + item.length + 2 > MAX_UNIT_CHARS) break;
        run += `; ${item}`;
        i++;
      }
      units.push({ sentence: withFinalStop(run), item: true });
    } else if (isListItem(blocks[i]!) && blocks[i]!.length <= MAX_UNIT_CHARS) units.push({ sentence: blocks[i]!.replace(LIST_ITEM, ""), item: true });
    else {
      // "The City observes the holidays listed below, plus one personal holiday." points at the list that
      // follows its paragraph: the answer may keep it when it quotes that list too. "(See below.)" only points.
      const listAfter = blocks[i + 1] && isListItem(blocks[i + 1]!);
      units.push(
        ...sentences.map((sentence, s) => ({
          sentence: sentence.replace(LIST_ITEM, ""),
          ...(listAfter && !/^\(?see\b/i.test(sentence) ? { leadsTo: sentences.length - s } : {}),
        })),
      );
    }
  }
  return units;
}

/** A form's empty fields ("Name:", "Phone number:", two or more in a row) say nothing. */
function withoutEmptyFields(blocks: string[]): string[] {
  const fields = blocks.map((block) => EMPTY_FIELD.test(block));
  return blocks.filter((_, i) => !(fields[i] && (fields[i - 1] || fields[i + 1])));
}

/**
 * A list typed without bullets (a word processor's paragraphs of one holiday each): three or more short lines in
 * a row that end without a sentence's stop, or such lines after a lead-in ("…must adhere to the following:"),
 * are list items, not sentences of their own.
 */
function withBareListsMarked(blocks: string[]): string[] {
  const marked: string[] = [];
  for (let i = 0; i < blocks.length; ) {
    const leadIn = i > 0 && /:$/.test(blocks[i - 1]!);
    let end = i;
    while (isBareLine(blocks[end], leadIn ? LONG_ITEM_CHARS : SHORT_LINE_CHARS)) end++;
    if (end === i) {
      marked.push(blocks[i++]!);
      continue;
    }
    const listed = leadIn || end - i >= 3;
    for (; i < end; i++) marked.push(listed ? `\u2022 ${blocks[i]}` : blocks[i]!);
  }
  return marked;
}

/**
 * A heading typed as a line of its own ("PERSONAL LEAVE", "Inline Comments") labels what follows it: it opens
 * that paragraph ("Inline Comments: If you have questions…") or leads in the list under it. Last in its passage,
 * it labels nothing the answer can quote.
 */
function withLabelsRead(blocks: string[]): string[] {
  const read: string[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    const next = blocks[i + 1];
    if (!isLabel(block) || (next !== undefined && isBareLine(next, SHORT_LINE_CHARS))) read.push(block);
    else if (next === undefined || next === PASSAGE_BREAK) continue;
    else if (isListItem(next)) read.push(`${block}:`);
    else if (/^[\p{Lu}\p{N}"“‘(]/u.test(next)) read.push(`${block}: ${blocks[++i]}`);
    else read.push(block);
  }
  return read;
}

/**
 * A short line in title case or capitals, without a stop: a heading, not a sentence left unfinished. A line
 * that names a value ("Business: Adelaide Quality Care") or trails off ("ENCOURAGE CONSUMERS TO -") is none.
 */
function isLabel(block: string): boolean {
  if (!isBareLine(block, SHORT_LINE_CHARS) || block.includes(":") || !/[\p{L}\p{N})]$/u.test(block)) return false;
  const words = block.split(/\s+/);
  return words.length <= 6 && (words.length <= 3 || words.filter((word) => /^[\p{Lu}\p{N}]/u.test(word)).length >= 0.6 * words.length);
}

const SHORT_LINE_CHARS = 80;
const LONG_ITEM_CHARS = 200;
/** "Name:", "D.O.B:", "Emergency Contact :": a label with nothing after it. */
const EMPTY_FIELD = /^[\p{L}][\p{L}\p{N}.'’ /-]{0,38}\s?:$/u;

function isBareLine(block: string | undefined, maxChars: number): boolean {
  return (
    block !== undefined &&
    block !== PASSAGE_BREAK &&
    block.length <= maxChars &&
    !block.includes("\n") &&
    !LIST_ITEM.test(block) &&
    /^[\p{Lu}\p{N}]/u.test(block) &&
    /\p{L}{2}/u.test(block) &&
    !/[.!?:;,]$/.test(block)
  );
}

/** "…require receipts:", "…the following.", "The following rules apply.", "…as follows." ("…on the Monday following." introduces nothing). */
const LEAD_IN = /(?::|\b(?:the following|as follows)\b[^.)]{0,40}[.:]?)$/i;

type AnswerUnit = Pick<Unit, "sentence" | "items" | "leadsTo" | "item">;
const asUnits = (sentences: string[]): AnswerUnit[] => sentences.map((sentence) => ({ sentence }));

/**
 * A list item's words without its own punctuation before the next, except a colon: an item that introduces the
 * items nested under it ("Five days in advance for:" and "Training under $2,500") goes on into them.
 */
function itemText(block: string): string {
  const item = block.replace(LIST_ITEM, "").trimEnd();
  return item.endsWith(":") ? item : item.replace(ITEM_END, "");
}

/** Items in a line: "hotel stays; flights", and after an item that introduces the next, "in advance for: Training". */
function joinItems(items: string[]): string {
  return items.reduce((run, item) => (run ? `${run}${run.endsWith(":") ? " " : "; "}${item}` : item), "").replace(/:$/, "");
}

const LIST_ITEM = /^\u2022 /;
const ELLIPSIS = "…";
/** An item's own punctuation before the next ("Federal holidays,", "Jury leave, and", "working full-time; and"): the join supplies "; ". */
const ITEM_END = /(?:[,;]\s*(?:and|or))?[.;:,]?$/;
function isListItem(block: string): boolean {
  return LIST_ITEM.test(block) && !block.includes("\n");
}

/**
 * An item of one sentence of up to 120 characters, a step or a rule as well as a name: joined with others,
 * it still reads as a list.
 */
function isShortItem(block: string): boolean {
  return isListItem(block) && block.length <= 120 && splitSentences(block).length === 1;
}

function withFinalStop(sentence: string): string {
  const trimmed = sentence.replace(/[\s;:,]+$/, "");
  return /[.!?)"”]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
