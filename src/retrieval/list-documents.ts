import type { Table } from "@lancedb/lancedb";

/** Every indexed document once (its first row, or the marker row of an empty one), with its source and collection. */
export async function listDocuments(table: Table): Promise<{ source: string; collection: string }[]> {
  const rows = await table.query().where("chunkIndex <= 0").select(["source", "collection"]).toArray();
  return rows.map((row) => ({ source: String(row.source), collection: String(row.collection) }));
}
