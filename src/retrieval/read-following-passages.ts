import type { ContextRow } from "./read-passage-context.ts";
import type { SearchHit } from "./search-index.ts";

/**
 * Each passage with the one after it in the same section appended, when that one was not retrieved itself:
 * a rule split across two chunks ("Employees may…" / "…except during the first 90 days") must reach the
 * answer whole. `rows` is what readPassageContext read.
 */
export function withFollowingPassages(hits: SearchHit[], rows: ContextRow[]): SearchHit[] {
  const key = (source: string, docId: string, chunkIndex: number) => `${source}\u0000${docId}\u0000${chunkIndex}`;
  const retrieved = new Set(hits.map((hit) => key(hit.source, hit.docId, hit.chunkIndex)));
  const stored = new Map(rows.map((row) => [key(row.source, row.docId, row.chunkIndex), row]));
  return hits.map((hit) => {
    const nextKey = key(hit.source, hit.docId, hit.chunkIndex + 1);
    const next = retrieved.has(nextKey) ? undefined : stored.get(nextKey);
    if (!next || next.heading !== hit.heading) return hit;
    return { ...hit, text: `${hit.text}\n\n${next.text}` };
  });
}
