import { HEADING_SEPARATOR } from "../shared/heading-path.ts";
import { headingKeys, namedHeading, sectionKey, sectionReferences } from "../shared/section-references.ts";
import type { ContextRow } from "./read-passage-context.ts";
import type { SearchHit } from "./search-index.ts";

/**
 * Each passage that points to another section of its page ('see "Working from abroad" below') followed by
 * the passage holding that section, when that one was not retrieved: a pointer is no answer, and without
 * the section an answer could only send the asker to text it does not show. `rows` is what
 * readPassageContext read (every passage of such pages).
 */
export function withReferencedSections(hits: SearchHit[], rows: ContextRow[]): SearchHit[] {
  // Per page, each heading with the first passage it stands in (a short section shares a passage with others).
  const sections = new Map<string, Map<string, ContextRow>>();
  for (const row of [...rows].sort((a, b) => a.chunkIndex - b.chunkIndex)) {
    const page = sections.get(`${row.source}\u0000${row.docId}`) ?? new Map<string, ContextRow>();
    for (const heading of headingKeys(row.text)) if (!page.has(heading)) page.set(heading, row);
    sections.set(`${row.source}\u0000${row.docId}`, page);
  }
  const retrieved = new Set(hits.map((hit) => hit.chunkId));
  const added = new Set<string>();
  return hits.flatMap((hit) => {
    const page = sections.get(`${hit.source}\u0000${hit.docId}`);
    const references = page ? sectionReferences(hit.text) : [];
    if (!page || references.length === 0) return [hit];
    const own = new Set([...headingKeys(hit.text), sectionKey(hit.heading?.split(HEADING_SEPARATOR).at(-1) ?? "")]);
    const named = namedHeading(
      references,
      [...page.keys()].filter((heading) => !own.has(heading)),
    );
    const row = named ? page.get(named)! : null;
    if (!row || retrieved.has(row.id) || added.has(row.id)) return [hit];
    added.add(row.id);
    return [hit, { ...hit, chunkId: row.id, chunkIndex: row.chunkIndex, heading: row.heading, text: row.text }];
  });
}
