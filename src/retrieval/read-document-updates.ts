import type { Connection } from "@lancedb/lancedb";
import { CHUNKS_TABLE } from "./chunks-table.ts";

/** When each indexed document last changed (ms), by docId; empty before the first ingest. */
export async function readDocumentUpdates(connection: Connection): Promise<Map<string, number>> {
  if (!(await connection.tableNames()).includes(CHUNKS_TABLE)) return new Map();
  const table = await connection.openTable(CHUNKS_TABLE);
  // One row per document: its first passage, or the marker row of an empty one.
  const rows = await table.query().where("chunkIndex <= 0").select(["docId", "updatedAt"]).toArray();
  return new Map(rows.map((row) => [String(row.docId), Number(row.updatedAt)]));
}
