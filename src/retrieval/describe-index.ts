import { listDocuments } from "./list-documents.ts";
import type { KnowledgeIndex } from "./open-index.ts";

export interface IndexContents {
  /** Every indexed document once, with its source and collection. */
  documents: { source: string; collection: string }[];
  chunks: number;
  /** The model the stored vectors came from; null when the index holds none. */
  embeddingModel: string | null;
}

/** What the index holds (nothing before the first sync), for status views, without handing them LanceDB's table. */
export async function describeIndex(index: KnowledgeIndex): Promise<IndexContents> {
  const table = await index.table();
  if (!table) return { documents: [], chunks: 0, embeddingModel: null };
  const documents = await listDocuments(table);
  return { documents, chunks: await table.countRows("chunkIndex >= 0"), embeddingModel: (await index.embeddingModel()) || null };
}
