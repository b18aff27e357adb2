import { atxHeading } from "./atx-heading.ts";
import { splitCodeFences } from "./split-code-fences.ts";

/** "see", "read", "described in"… and what follows, up to the end of its clause (quotes end a quoted name). */
const POINTER = /\b(?:see|read|check|refer to|(?:described|explained|covered|listed|outlined|detailed) in)\s+["“‘]?([^"“”‘’.;:!?()\n]{2,80})/gi;

/**
 * What a text points its reader to ('see "Working from abroad" below', 'described in the Expenses section
 * above', "See Get IT help", the text of an in-page link), each as a key (sectionKey) that starts with the
 * section's name; namedHeading tells which heading one of them names. A phrase that names no heading of the
 * page ("see your manager") matches nothing, so the pattern may be generous.
 */
export function sectionReferences(text: string): string[] {
  return [...new Set([...text.matchAll(POINTER)].map((match) => sectionKey(match[1]!)).filter(Boolean))];
}

/**
 * The heading (a key) that one of the references names, or null: the whole phrase, or its start followed by
 * a word that ends a name ("… below", "… section", "… for the limits"), the longest such heading first, so
 * "See Travel expenses for the limits" names "Travel expenses", not "Travel", and "see MAC address of your
 * router" names no "MAC" section.
 */
export function namedHeading(references: string[], headings: Iterable<string>): string | null {
  const names = (heading: string) =>
    references.some((reference) => reference === heading || (reference.startsWith(`${heading} `) && NAME_ENDS.test(reference.slice(heading.length + 1))));
  return [...new Set(headings)].filter((heading) => heading && names(heading)).sort((a, b) => b.length - a.length)[0] ?? null;
}

/** Words that follow a section's name in a pointer and are not part of it. */
const NAME_ENDS = /^(?:section|page|heading|below|above|for|to|if|when|on|in|and|or|which|that|first|too|as|before|after)\b/;

/** A heading or a reference to one, compared without case, punctuation or a leading "the". */
export function sectionKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .replace(/^the /, "");
}

/** The keys of a Markdown text's headings, in order. */
export function headingKeys(markdown: string): string[] {
  return splitAtHeadings(markdown).flatMap(({ section }) => (section === null ? [] : [section]));
}

/** A Markdown text cut at its headings (none inside code fences), each part under its heading's key and level (0: none). */
export function splitAtHeadings(markdown: string): { section: string | null; level: number; text: string }[] {
  const parts: { section: string | null; level: number; lines: string[] }[] = [{ section: null, level: 0, lines: [] }];
  for (const segment of splitCodeFences(markdown, { mayStartInCode: true })) {
    for (const line of segment.text.split("\n")) {
      const heading = segment.code ? null : atxHeading(line);
      if (heading) parts.push({ section: sectionKey(heading.text), level: heading.level, lines: [line] });
      else parts.at(-1)!.lines.push(line);
    }
  }
  return parts.map(({ section, level, lines }) => ({ section, level, text: lines.join("\n") })).filter(({ section, text }) => section !== null || text.trim());
}
