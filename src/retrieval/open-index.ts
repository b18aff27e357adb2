import type { Connection, Table } from "@lancedb/lancedb";
import { CHUNKS_TABLE, EMBEDDING_MODEL_KEY } from "./chunks-table.ts";
import { explainStorageError } from "./explain-storage-error.ts";
import { loadLanceDb } from "./load-lancedb.ts";

export interface KnowledgeIndex {
  readonly uri: string;
  readonly connection: Connection;
  /** The chunks table, or null before the first sync created it. */
  table(): Promise<Table | null>;
  /** The embedding model the stored vectors came from ("" when the index holds no vectors). */
  embeddingModel(): Promise<string>;
  /** Makes the next reads see the newest committed version (after a sync in this or another process). */
  refresh(): Promise<void>;
  close(): void;
}

export interface OpenIndexOptions {
  /**
   * Seconds between checks for commits made elsewhere. Undefined keeps one snapshot until `refresh()`,
   * which is what a reader wants while a sync of its own is running.
   */
  readConsistencyIntervalSeconds?: number;
  /** For an index on object storage: LanceDB's storage options (config's `objectStore`). */
  storageOptions?: Record<string, string>;
}

export async function openIndex(uri: string, options: OpenIndexOptions = {}): Promise<KnowledgeIndex> {
  const lancedb = await loadLanceDb();
  const { storageOptions } = options;
  const connection = await lancedb.connect(uri, { readConsistencyInterval: options.readConsistencyIntervalSeconds, storageOptions });
  if (storageOptions) {
    // Connecting to object storage checks nothing: ask once now, so a wrong bucket, key or endpoint is
    // reported at start in plain words rather than by the first question.
    await connection.tableNames().catch((error: unknown) => {
      connection.close();
      throw explainStorageError(uri, storageOptions.aws_endpoint, error) ?? error;
    });
  }
  let cached: Table | null = null;
  const table = async () => {
    if (cached) return cached;
    const names = await connection.tableNames();
    if (!names.includes(CHUNKS_TABLE)) return null;
    try {
      cached = await connection.openTable(CHUNKS_TABLE);
    } catch (error) {
      // A folder without a single committed version: a table being created right now, or one whose
      // creator was killed. Either way there is nothing to read yet (the next sync replaces a dead one).
      if (!/was not found|_versions/.test((error as Error).message)) throw error;
      return null;
    }
    return cached;
  };
  return {
    uri,
    connection,
    table,
    async embeddingModel() {
      const t = await table();
      if (!t) return "";
      const schema = await t.schema();
      return schema.metadata.get(EMBEDDING_MODEL_KEY) ?? "";
    },
    async refresh() {
      // Reopening (rather than checkoutLatest) also follows a table that a full rebuild dropped and recreated.
      // The old handle is left to the garbage collector, not closed: searches may still be running on it.
      cached = null;
      await table();
    },
    close() {
      cached?.close();
      connection.close();
    },
  };
}
