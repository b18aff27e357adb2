import type { SearchHit } from "../retrieval/search-index.ts";
import { atxHeading } from "../shared/atx-heading.ts";
import { termSet } from "../shared/content-terms.ts";
import { HEADING_SEPARATOR } from "../shared/heading-path.ts";
import { plainText } from "../shared/plain-text.ts";
import { splitAtHeadings } from "../shared/section-references.ts";
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
  const shared = (text: string) => [...termSet(text)].filter((term) => wanted.has(term)).length;
  const hit = passages.reduce((best, passage) => (shared(passage.text) > shared(best.text) ? passage : best));
  return {
    n,
    docId: hit.docId,
    title: hit.title,
    url: hit.url,
    heading: quotedHeading(hit, shared),
    snippet: bestSnippet(hit.text, about),
    updatedAt: hit.updatedAt,
  };
}

/**
 * The heading path of the section of a passage that what the citation supports comes from: short sections are
 * packed into one passage, which retrieval knows by its first section's heading only ("Chowder" also holds
 * "PDI"). A later section's heading replaces the path's last step, or, one level deeper than the first, extends it.
 */
function quotedHeading(hit: SearchHit, shared: (text: string) => number): string | null {
  const parts = splitAtHeadings(hit.text);
  const best = parts.reduce((chosen, part) => (shared(part.text) > shared(chosen.text) ? part : chosen));
  const heading = best === parts[0] ? null : atxHeading(best.text.split("\n", 1)[0]!);
  if (!heading) return hit.heading;
  const path = hit.heading ? hit.heading.split(HEADING_SEPARATOR) : [];
  const above = parts[0]!.section === null ? best.level : parts[0]!.level;
  const kept = Math.max(0, path.length - 1 - Math.max(0, above - best.level) + (best.level > above ? 1 : 0));
  const name = plainText(heading.text)
    .trim()
    .replace(/^\u2022 /, "");
  return [...path.slice(0, kept), name].join(HEADING_SEPARATOR);
}
