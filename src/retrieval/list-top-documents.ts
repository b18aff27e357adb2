import type { Table } from "@lancedb/lancedb";
import { EVERYONE } from "../shared/principals.ts";
import { sqlList } from "../shared/sql-string.ts";
import { readersFilter } from "./readers-filter.ts";

export interface TopDocument {
  source: string;
  collection: string;
  docId: string;
  title: string;
  /** How many passages the document has: a rough measure of how much the knowledge base says about it. */
  passages: number;
}

/**
 * The documents with the most passages, taking turns between sources (each source's biggest first, then
 * each one's second…), so one large source does not crowd out the others. Only the given collections
 * count when `collections` is not null, and only documents everyone may read: a suggested prompt must not
 * name a restricted page. What the index covers best, for suggested prompts.
 */
export async function listTopDocuments(table: Table, options: { collections: string[] | null; limit: number }): Promise<TopDocument[]> {
  if (options.collections?.length === 0) return [];
  const readable = await readersFilter(table, [EVERYONE]);
  if (readable === false) return [];
  const filter = ["chunkIndex >= 0", ...(options.collections ? [`collection IN ${sqlList(options.collections)}`] : []), ...(readable ? [readable] : [])].join(
    " AND ",
  );
  const rows = await table.query().where(filter).select(["source", "collection", "docId", "title"]).toArray();
  const byDocument = new Map<string, TopDocument>();
  for (const row of rows) {
    const key = `${row.source}\u0000${row.docId}`;
    const known = byDocument.get(key);
    if (known) known.passages++;
    else
      byDocument.set(key, { source: String(row.source), collection: String(row.collection), docId: String(row.docId), title: String(row.title), passages: 1 });
  }
  const bySource = new Map<string, TopDocument[]>();
  for (const document of byDocument.values()) bySource.set(document.source, [...(bySource.get(document.source) ?? []), document]);
  // Ties are broken by docId so the same index always suggests the same topics.
  const queues = [...bySource.keys()].sort().map((source) => bySource.get(source)!.sort((a, b) => b.passages - a.passages || a.docId.localeCompare(b.docId)));
  const top: TopDocument[] = [];
  for (let turn = 0; top.length < options.limit && queues.some((queue) => queue.length > turn); turn++) {
    for (const queue of queues) if (queue[turn] && top.length < options.limit) top.push(queue[turn]!);
  }
  return top;
}
