import { Field, FixedSizeList, Float32, Float64, Int32, Schema, Utf8 } from "apache-arrow";

/** One passage as stored in LanceDB. */
export interface ChunkRow {
  /** `<source>:<docId>#<chunkIndex>:<chunkHash>`: a new text is a new id, so a sync replaces rows in one commit. */
  id: string;
  docId: string;
  source: string;
  collection: string;
  title: string;
  url: string | null;
  heading: string | null;
  text: string;
  /** What full-text search matches: title, heading path and author keywords, then the passage itself. */
  searchText: string;
  chunkIndex: number;
  /** Hash of the whole document as loaded: equal hashes mean the document need not be touched. */
  contentHash: string;
  /** Hash of this passage's searchable text: equal hashes let a changed document keep its unchanged vectors. */
  chunkHash: string;
  /** The document's last modification, milliseconds since the epoch. */
  updatedAt: number;
  vector?: number[];
}

export const CHUNKS_TABLE = "chunks";
/** chunkIndex of the row that stands for a document without any passage. */
export const MARKER_CHUNK_INDEX = -1;
export const EMBEDDING_MODEL_KEY = "docent.embeddingModel";

export function chunkSchema(embedding: { model: string; dimensions: number } | null): Schema {
  const fields: Field[] = [
    new Field("id", new Utf8(), false),
    new Field("docId", new Utf8(), false),
    new Field("source", new Utf8(), false),
    new Field("collection", new Utf8(), false),
    new Field("title", new Utf8(), false),
    new Field("url", new Utf8(), true),
    new Field("heading", new Utf8(), true),
    new Field("text", new Utf8(), false),
    new Field("searchText", new Utf8(), false),
    new Field("chunkIndex", new Int32(), false),
    new Field("contentHash", new Utf8(), false),
    new Field("chunkHash", new Utf8(), false),
    new Field("updatedAt", new Float64(), false),
  ];
  if (embedding) {
    fields.push(new Field("vector", new FixedSizeList(embedding.dimensions, new Field("item", new Float32(), true)), true));
  }
  return new Schema(fields, new Map([[EMBEDDING_MODEL_KEY, embedding?.model ?? ""]]));
}

/** SQL string literal for LanceDB filters; collection and document names come from config and file names. */
export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function sqlList(values: Iterable<string>): string {
  return `(${[...values].map(sqlString).join(", ")})`;
}
