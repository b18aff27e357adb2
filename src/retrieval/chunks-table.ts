/** Where the index keeps its passages (rows shaped as ../ingest/chunk-row.ts), and the key of its schema metadata naming the embedding model. */
export const CHUNKS_TABLE = "chunks";
export const EMBEDDING_MODEL_KEY = "docent.embeddingModel";
