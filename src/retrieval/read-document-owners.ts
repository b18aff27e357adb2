import { decodeOwner, type DocumentOwner } from "../shared/document-owner.ts";
import { sqlList } from "../shared/sql-string.ts";
import { hasColumn } from "./ensure-chunk-columns.ts";
import type { KnowledgeIndex } from "./open-index.ts";

/**
 * The owners of the given documents, by docId, as the index stored them at ingest (so routing a 👎 reads no
 * file). Documents without an owner are left out; an index from before owner routing has none.
 */
export async function readDocumentOwners(index: KnowledgeIndex, docIds: string[]): Promise<Map<string, DocumentOwner>> {
  const owners = new Map<string, DocumentOwner>();
  const table = docIds.length > 0 ? await index.table() : null;
  if (!table || !(await hasColumn(table, "owner"))) return owners;
  // One row per document: its first passage, or the marker row of an empty one.
  const rows = await table
    .query()
    .where(`docId IN ${sqlList(new Set(docIds))} AND chunkIndex <= 0 AND owner IS NOT NULL`)
    .select(["docId", "owner"])
    .toArray();
  for (const row of rows) {
    const owner = decodeOwner(row.owner);
    if (owner && !owners.has(String(row.docId))) owners.set(String(row.docId), owner);
  }
  return owners;
}
