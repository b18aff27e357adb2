import type { Table } from "@lancedb/lancedb";
import { loadLanceDb } from "./load-lancedb.ts";

/**
 * Answers remembered per table handle and version: a question's words recur across questions ("schedule",
 * "password"), and each lookup is a full-text query of its own (about 2 ms at 100,000 passages, where a whole
 * search takes 10). A new version (a sync here or elsewhere) starts afresh, so an answer is never stale.
 */
const remembered = new WeakMap<Table, { version: number; found: Map<string, boolean> }>();
/** Words and filters remembered at most per version; then it starts afresh (a few hundred kilobytes). */
const MAX_REMEMBERED = 10_000;

/** Whether a passage the search may return (`filter`) holds the word: an answer never hints at one it may not. */
export async function isIndexed(table: Table, word: string, filter: string | null): Promise<boolean> {
  const version = await table.version();
  let memory = remembered.get(table);
  if (!memory || memory.version !== version) remembered.set(table, (memory = { version, found: new Map() }));
  // Keyed by the filter too: what one audience may read says nothing about another's.
  const key = `${filter ?? ""}\u0000${word}`;
  const known = memory.found.get(key);
  if (known !== undefined) return known;
  const { MatchQuery } = await loadLanceDb();
  let probe = table.search(new MatchQuery(word, "searchText"), "fts").select(["id"]).limit(1);
  if (filter) probe = probe.where(filter);
  const found = (await probe.toArray()).length > 0;
  if (memory.found.size >= MAX_REMEMBERED) memory.found.clear();
  memory.found.set(key, found);
  return found;
}
