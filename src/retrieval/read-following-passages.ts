import { sqlString } from "../shared/sql-string.ts";
import type { KnowledgeIndex } from "./open-index.ts";
import type { SearchHit } from "./search-index.ts";

/**
 * Each passage with the one after it in the same section appended, when that one was not retrieved itself:
 * a rule split across two chunks ("Employees may…" / "…except during the first 90 days") must reach the
 * answer whole. One filtered read for all passages, not one per passage.
 */
export async function withFollowingPassages(index: KnowledgeIndex, hits: SearchHit[]): Promise<SearchHit[]> {
  const table = await index.table();
  if (!table || hits.length === 0) return hits;
  const key = (source: string, docId: string, chunkIndex: number) => `${source}\u0000${docId}\u0000${chunkIndex}`;
  const retrieved = new Set(hits.map((hit) => key(hit.source, hit.docId, hit.chunkIndex)));
  const wanted = hits.filter((hit) => !retrieved.has(key(hit.source, hit.docId, hit.chunkIndex + 1)));
  if (wanted.length === 0) return hits;
  const filter = wanted
    .map((hit) => `(source = ${sqlString(hit.source)} AND docId = ${sqlString(hit.docId)} AND chunkIndex = ${hit.chunkIndex + 1})`)
    .join(" OR ");
  const rows = await table.query().where(filter).select(["source", "docId", "chunkIndex", "heading", "text"]).toArray();
  const following = new Map(rows.map((row) => [key(String(row.source), String(row.docId), Number(row.chunkIndex)), row]));
  return hits.map((hit) => {
    const next = following.get(key(hit.source, hit.docId, hit.chunkIndex + 1));
    if (!next || (next.heading ?? null) !== hit.heading) return hit;
    return { ...hit, text: `${hit.text}\n\n${String(next.text)}` };
  });
}
