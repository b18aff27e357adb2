import { headingKeys, pointsTo, sectionReferences } from "../shared/section-references.ts";
import { sqlString } from "../shared/sql-string.ts";
import type { KnowledgeIndex } from "./open-index.ts";
import type { SearchHit } from "./search-index.ts";

/**
 * Each passage that points to another section of its page ('see "Working from abroad" below') followed by
 * the passage holding that section, when that one was not retrieved: a pointer is no answer, and without
 * the section an answer could only send the asker to text it does not show. One read for all such pages.
 */
export async function withReferencedSections(index: KnowledgeIndex, hits: SearchHit[]): Promise<SearchHit[]> {
  const pointing = hits.filter((hit) => sectionReferences(hit.text).length > 0);
  const table = pointing.length > 0 ? await index.table() : null;
  if (!table) return hits;
  const pages = [...new Map(pointing.map((hit) => [`${hit.source}\u0000${hit.docId}`, hit])).values()];
  const filter = pages.map((hit) => `(source = ${sqlString(hit.source)} AND docId = ${sqlString(hit.docId)})`).join(" OR ");
  const rows = await table.query().where(`chunkIndex >= 0 AND (${filter})`).select(["id", "source", "docId", "chunkIndex", "heading", "text"]).toArray();
  const retrieved = new Set(hits.map((hit) => hit.chunkId));
  const added = new Set<string>();
  return hits.flatMap((hit) => {
    const own = headingKeys(hit.text);
    const wanted = sectionReferences(hit.text).filter((reference) => !own.some((heading) => pointsTo([reference], heading)));
    const row = rows
      .filter((row) => row.source === hit.source && row.docId === hit.docId)
      .sort((a, b) => Number(a.chunkIndex) - Number(b.chunkIndex))
      .find((row) => headingKeys(String(row.text)).some((heading) => pointsTo(wanted, heading)));
    const id = row ? String(row.id) : null;
    if (!row || !id || retrieved.has(id) || added.has(id)) return [hit];
    added.add(id);
    return [hit, { ...hit, chunkId: id, chunkIndex: Number(row.chunkIndex), heading: (row.heading as string | null) ?? null, text: String(row.text) }];
  });
}
