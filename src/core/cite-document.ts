import type { SearchHit } from "../retrieval/search-index.ts";
import { termSet } from "../shared/content-terms.ts";
import { plainText } from "../shared/plain-text.ts";
import { splitSentences } from "../shared/split-sentences.ts";
import type { Citation } from "./types.ts";

const SNIPPET_CHARS = 300;

/**
 * The part of a passage worth showing next to a citation: from the sentence that shares the most words
 * with what it supports (the answer's sentences citing it, or the question), not the passage's first line.
 */
function bestSnippet(passage: string, about: string): string {
  const sentences = splitSentences(plainText(passage));
  const wanted = termSet(about);
  let best = 0;
  let bestScore = -1;
  sentences.forEach((sentence, i) => {
    const score = [...termSet(sentence)].filter((term) => wanted.has(term)).length;
    if (score > bestScore) [best, bestScore] = [i, score];
  });
  // List items run on as a list in a line reads: "books; Online courses", not "books Online courses".
  const snippet = sentences
    .slice(best)
    .join(" ")
    .replace(/(?<=[^.!?:;\s])\s*\u2022 /g, "; ")
    .replace(/\u2022 /g, "")
    .replace(/\s+/g, " ")
    .trim();
  return snippet.length > SNIPPET_CHARS ? `${snippet.slice(0, SNIPPET_CHARS - 1).replace(/\s+\S*$/, "")}…` : snippet;
}

/**
 * A document's citation, shown with the passage of it that shares most words with what the citation supports
 * (the answer's sentences citing it, or the question): the document's best-ranked passage may be another
 * section of the page than the one quoted.
 */
export function citeDocument(passages: SearchHit[], n: number, about: string): Citation {
  const wanted = termSet(about);
  const shared = passages.map((passage) => [...termSet(passage.text)].filter((term) => wanted.has(term)).length);
  const hit = passages[shared.indexOf(Math.max(...shared))]!;
  return {
    n,
    docId: hit.docId,
    title: hit.title,
    url: hit.url,
    heading: hit.heading,
    snippet: bestSnippet(hit.text, about),
    updatedAt: hit.updatedAt,
  };
}
