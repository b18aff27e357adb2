import { contentTerms, termSet } from "../shared/content-terms.ts";
import { markersIn } from "./verify-citations.ts";
import { splitSentences } from "../shared/split-sentences.ts";

export interface SentenceCheck {
  sentence: string;
  citations: number[];
  supported: boolean;
  /** Share of the sentence's content words found in its cited passages. */
  support: number;
}

export interface GroundingOptions {
  /** Share of a sentence's content words that its cited passages must contain. */
  minSupport?: number;
}

/**
 * A lexical grounding check, sentence by sentence: a sentence holds when it cites a passage and that
 * passage contains most of its content words and every number it states. Cheap and deterministic, it
 * catches the typical failure (a fluent claim with a citation that says something else); an LLM judge
 * can be layered on top where the wording drifts too far from the sources.
 */
export function checkGrounding(text: string, passages: Map<number, string>, options: GroundingOptions = {}): SentenceCheck[] {
  const minSupport = options.minSupport ?? 0.6;
  const passageTerms = new Map([...passages].map(([n, passage]) => [n, termSet(passage)]));
  const passageNumbers = new Map([...passages].map(([n, passage]) => [n, numbersIn(passage)]));
  return splitSentences(text)
    .filter((sentence) => contentTerms(stripMarkers(sentence)).length > 0)
    .map((sentence) => {
      const citations = markersIn(sentence);
      const terms = [...new Set(contentTerms(stripMarkers(sentence)))];
      if (citations.length === 0) return { sentence, citations, supported: false, support: 0 };
      const available = new Set(citations.flatMap((n) => [...(passageTerms.get(n) ?? [])]));
      const numbers = new Set(citations.flatMap((n) => [...(passageNumbers.get(n) ?? [])]));
      const support = terms.filter((term) => available.has(term)).length / terms.length;
      const numbersHold = [...numbersIn(stripMarkers(sentence))].every((number) => numbers.has(number));
      return { sentence, citations, supported: support >= minSupport && numbersHold, support };
    });
}

function stripMarkers(sentence: string): string {
  return sentence.replace(/\[\d+\]/g, " ");
}

function numbersIn(text: string): Set<string> {
  return new Set([...text.replace(/(\d),(\d{3})/g, "$1$2").matchAll(/\d+(?:\.\d+)?/g)].map((m) => m[0]));
}
