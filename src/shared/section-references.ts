/** "see", "read", "described in"… and what follows, up to the end of its clause (quotes end a quoted name). */
const POINTER = /\b(?:see|read|check|refer to|(?:described|explained|covered|listed|outlined|detailed) in)\s+["“‘]?([^"“”‘’.;:!?()\n]{2,80})/gi;

/**
 * What a text points its reader to ('see "Working from abroad" below', 'described in the Expenses section
 * above', "See Get IT help", the text of an in-page link), each as a key (sectionKey) that starts with the
 * section's name; pointsTo tells whether one of them names a given heading. A phrase that names no heading
 * of the page ("see your manager") matches nothing, so the pattern may be generous.
 */
export function sectionReferences(text: string): string[] {
  return [...new Set([...text.matchAll(POINTER)].map((match) => sectionKey(match[1]!)).filter(Boolean))];
}

/** Whether one of the references names this heading: the whole phrase, or its start ("… below", "… for details"). */
export function pointsTo(references: string[], heading: string): boolean {
  return references.some((reference) => reference === heading || reference.startsWith(`${heading} `));
}

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

/** A Markdown text cut at its headings (lines inside code fences are none), each part under its heading's key. */
export function splitAtHeadings(markdown: string): { section: string | null; text: string }[] {
  const parts: { section: string | null; lines: string[] }[] = [{ section: null, lines: [] }];
  let fenced = false;
  for (const line of markdown.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading) parts.push({ section: sectionKey(heading[1]!), lines: [line] });
    else parts.at(-1)!.lines.push(line);
  }
  return parts.map(({ section, lines }) => ({ section, text: lines.join("\n") })).filter(({ section, text }) => section !== null || text.trim());
}
