import { termSet } from "../shared/content-terms.ts";
import { MIN_TERMS_JUDGED_BY_MEANING } from "../llm/extractive-answer-generator.ts";

export interface GateCandidate {
  title: string;
  heading: string | null;
  text: string;
}

/**
 * Decides whether retrieval found anything worth answering from. BM25 always returns *something* that
 * shares a word with the question, and its scores are not comparable across corpora, so the gate counts
 * instead how many of the question's words one of the retrieved passages contains. Two matched words, and
 * a fair share of the question, are needed: a single shared word ("point" in "boiling point of tungsten")
 * is a coincidence, not a topic. A question of one word ("who's our COO?") needs that word: it is the whole
 * question, and requiring a second would decline it however well a passage matches. A question of two may
 * match one of them when it names a section (namesSectionWithGenericWord). Score-distribution gates (the
 * best score against the query's own maximum, the share of the question's rare-term weight the best
 * passages cover) were measured on both public sets and separated answerable from unanswerable questions
 * no better than this (docs/answer-quality.md).
 *
 * When the answer is quoted by a generator that judges meaning (AnswerGenerator.judgesMeaning), a question
 * long enough for that judgement needs one shared word only: "if I see someone getting harassed, who do I
 * tell?" shares just "harassed" with the code of conduct, and its closest sentence, not a second word, tells
 * whether it answers. Measured on six sets (docs/answer-quality.md): 4 fewer of 238 answerable questions
 * declined, 1 more of 32 unanswerable answered.
 */
export function isRelevantEnough(query: string, hits: GateCandidate[], options: { meaningJudged?: boolean } = {}): boolean {
  const terms = [...termSet(query)];
  if (terms.length === 0 || hits.length === 0) return false;
  const matched = Math.max(
    ...hits.map((hit) => {
      const passage = termSet(`${hit.title} ${hit.heading ?? ""} ${hit.text}`);
      return terms.filter((term) => passage.has(term)).length;
    }),
  );
  if (options.meaningJudged && terms.length >= MIN_TERMS_JUDGED_BY_MEANING) return matched >= 1;
  if (terms.length === 1) return matched === 1;
  if (terms.length === 2 && matched === 1) return namesSectionWithGenericWord(terms as [string, string], hits);
  return matched >= 2 && (matched >= 3 || matched / terms.length >= 0.25);
}

/**
 * "What's the dental plan?": of two words, one names a section (its title or heading: "Dental insurance")
 * and the other is a word the retrieved passages use elsewhere ("plan", in "Retirement plan"), so the asker
 * said it in their own words, not asked about something else. A word no passage has at all ("pet" in "pet
 * insurance", "dress" in "dress code") is what the question is about, and nothing found answers it.
 */
function namesSectionWithGenericWord(terms: [string, string], hits: GateCandidate[]): boolean {
  const texts = hits.map((hit) => termSet(`${hit.title} ${hit.heading ?? ""} ${hit.text}`));
  const headings = hits.map((hit) => termSet(`${hit.title} ${hit.heading ?? ""}`));
  // In two passages at least: a word met once may be a passing mention ("dress up for the party").
  return terms.some((term, i) => headings.some((heading) => heading.has(term)) && texts.filter((text) => text.has(terms[1 - i]!)).length >= 2);
}
