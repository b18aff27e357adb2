import { listDocuments } from "./list-documents.ts";
import type { KnowledgeIndex } from "./open-index.ts";

export interface IndexContents {
  /** Every indexed document once, with its source and collection. */
  documents: { source: string; collection: string }[];
  chunks: number;
  /** The model the stored vectors came from; null when the index holds none. */
  embeddingModel: string | null;
  /** The version this reader serves and when it was committed; null before the first sync. */
  version: { number: number; committedAt: string } | null;
}

/** What the index holds (nothing before the first sync), for status views, without handing them LanceDB's table. */
export async function describeIndex(index: KnowledgeIndex): Promise<IndexContents> {
  const table = await index.table();
  if (!table) return { documents: [], chunks: 0, embeddingModel: null, version: null };
  const documents = await listDocuments(table);
  const number = await table.version();
  const committed = (await table.listVersions()).find((v) => v.version === number)?.timestamp;
  return {
    documents,
    chunks: await table.countRows("chunkIndex >= 0"),
    embeddingModel: (await index.embeddingModel()) || null,
    version: { number, committedAt: (committed ?? new Date(0)).toISOString() },
  };
}
