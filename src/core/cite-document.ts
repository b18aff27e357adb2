import type { SearchHit } from "../retrieval/search-index.ts";
import { atxHeading } from "../shared/atx-heading.ts";
import { mostMatchingSentence, sharedWords, termSet } from "../shared/content-terms.ts";
import { HEADING_SEPARATOR, headingWords } from "../shared/heading-path.ts";
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
  const best = mostMatchingSentence(sentences, termSet(about));
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
  const shared = passages.map((passage) => sharedWords(passage.text, wanted));
  const hit = passages[shared.indexOf(Math.max(...shared))]!;
  return {
    n,
    docId: hit.docId,
    title: hit.title,
    url: hit.url,
    heading: quotedHeading(hit, splitSentences(about)[0] ?? about),
    snippet: bestSnippet(hit.text, about),
    updatedAt: hit.updatedAt,
  };
}

/**
 * The heading path of the section that the first sentence the citation supports comes from: short sections
 * are packed into one passage, which retrieval knows by its first section's heading only ("Chowder" also holds
 * "PDI"). A quote that opens in the passage's first section, whatever it goes on into, keeps that heading.
 */
function quotedHeading(hit: SearchHit, first: string): string | null {
  const parts = splitAtHeadings(hit.text);
  const wanted = termSet(first);
  const shared = parts.map((part) => sharedWords(part.text, wanted));
  const quoted = shared.indexOf(Math.max(...shared));
  if (quoted <= 0) return hit.heading;
  // Levels are known within the passage only: the path retrieval knows ends at its first section (a passage
  // that opens mid-section opens at the level of its first heading), each step above one level up. Each
  // heading after that replaces the steps at or below its level.
  const known = hit.heading ? hit.heading.split(HEADING_SEPARATOR) : [];
  const firstLevel = parts[0]!.section !== null ? parts[0]!.level : (parts.find((part) => part.section !== null)?.level ?? 1);
  const steps = known.map((name, i) => ({ name, level: firstLevel - (known.length - 1 - i) }));
  for (const part of parts.slice(1, quoted + 1)) {
    const heading = atxHeading(part.text.split("\n", 1)[0]!);
    if (!heading) continue;
    while (steps.length > 0 && steps.at(-1)!.level >= heading.level) steps.pop();
    steps.push({ name: headingWords(heading.text), level: heading.level });
  }
  return steps.map((step) => step.name).join(HEADING_SEPARATOR);
}
