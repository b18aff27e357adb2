import type { Table } from "@lancedb/lancedb";
import { loadLanceDb } from "./load-lancedb.ts";

/** Whether a passage the search may return (`filter`) holds the word: an answer never hints at one it may not. */
export async function isIndexed(table: Table, word: string, filter: string | null): Promise<boolean> {
  const { MatchQuery } = await loadLanceDb();
  let probe = table.search(new MatchQuery(word, "searchText"), "fts").select(["id"]).limit(1);
  if (filter) probe = probe.where(filter);
  return (await probe.toArray()).length > 0;
}
