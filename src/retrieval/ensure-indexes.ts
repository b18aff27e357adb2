import type { Table } from "@lancedb/lancedb";
import { loadLanceDb } from "./load-lancedb.ts";

/** The full-text analyzer (LanceDB applies the index's analyzer to queries too): stemmed, stop words dropped, accents folded. */
export const FTS_OPTIONS = {
  baseTokenizer: "simple",
  language: "English",
  lowercase: true,
  stem: true,
  removeStopWords: true,
  asciiFolding: true,
  withPosition: false,
} as const;

/** Below this many rows an exact vector scan is faster than any approximate index. */
const VECTOR_INDEX_MIN_ROWS = 10_000;

/**
 * Creates the full-text index (and a vector index once there are enough vectors) when missing, otherwise
 * folds new rows into them: LanceDB still finds unindexed rows, but full-text latency grows about 20x with
 * a few thousand of them (DESIGN, known pitfalls).
 */
export async function ensureIndexes(table: Table, options: { optimize: boolean }): Promise<void> {
  const lancedb = await loadLanceDb();
  const existing = new Set((await table.listIndices()).flatMap((index) => index.columns));
  const rows = await table.countRows();
  const createFullText = () => table.createIndex("searchText", { config: lancedb.Index.fts(FTS_OPTIONS), replace: true });
  if (!existing.has("searchText")) await createFullText();
  if (!existing.has("collection") && rows > 0) {
    await table.createIndex("collection", { config: lancedb.Index.bitmap(), replace: true });
  }
  const fields = (await table.schema()).fields;
  // The readers filter runs inside every answer's search; a label-list index serves `array_has_any`.
  if (fields.some((field) => field.name === "readers") && !existing.has("readers") && rows > 0) {
    await table.createIndex("readers", { config: lancedb.Index.labelList(), replace: true });
  }
  const hasVectors = fields.some((field) => field.name === "vector");
  if (hasVectors && !existing.has("vector") && rows >= VECTOR_INDEX_MIN_ROWS) {
    await table.createIndex("vector", { config: lancedb.Index.ivfRq({ distanceType: "cosine" }), replace: true });
  }
  if (options.optimize) {
    // Old versions are kept a little while for readers in other processes that still hold them.
    await table.optimize({ cleanupOlderThan: new Date(Date.now() - 10 * 60_000) });
    // optimize() folds new rows into the full-text index as a further partition, and with LanceDB 0.31 a
    // search over several partitions now and then drops every match of one of them, in some processes on
    // every query: a freshly synced document went missing. A rebuilt index has one partition.
    if (existing.has("searchText")) await createFullText();
  }
}
