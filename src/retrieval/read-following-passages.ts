import { isTableRow, isTableSeparator } from "../shared/markdown-table.ts";
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
    const rest = withoutOverlap(hit.text, next.text);
    return rest ? { ...hit, text: `${hit.text}\n\n${rest}` } : hit;
  });
}

/**
 * The next chunk without the text it repeats from the end of this one: chunks of a long section overlap by
 * a few trailing sentences or lines (splitDocument), which joined would read twice.
 */
function withoutOverlap(text: string, following: string): string {
  // A chunk that opens inside a table repeats the table's header first (splitDocument): joined, it is read once.
  const [header, separator] = following.split("\n", 2);
  const repeatsHeader = isTableRow(header ?? "") && isTableSeparator(separator) && text.includes(`${header}\n${separator}\n`);
  const next = repeatsHeader ? following.slice(`${header}\n${separator}\n`.length) : following;
  if (!next) return "";
  const opening = next.slice(0, 30);
  // The earliest place the next chunk's opening occurs in this one's tail gives the longest repeat.
  for (let at = text.indexOf(opening); at >= 0; at = text.indexOf(opening, at + 1)) {
    const tail = text.slice(at);
    // Only whole pieces overlap: the repeat ends where the next chunk goes on with a new line or sentence.
    if (next.startsWith(tail) && (tail.length === next.length || /^\s/.test(next.slice(tail.length)))) return next.slice(tail.length).trimStart();
  }
  return next;
}
