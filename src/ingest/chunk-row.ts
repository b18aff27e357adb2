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
  /** Who may read the document (src/shared/principals.ts); `["everyone"]` for sources without permissions. */
  readers: string[];
  /** Who answers for the document (src/shared/document-owner.ts, as JSON), or null: where disliked answers are routed. */
  owner: string | null;
  /** The acronyms this passage defines ("Paid Parental Leave (PPL)"), as JSON [acronym, expansion] pairs, or null. */
  acronyms: string | null;
  vector?: number[];
}

/** chunkIndex of the row that stands for a document without any passage. */
export const MARKER_CHUNK_INDEX = -1;
