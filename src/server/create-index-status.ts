import { describeIndex } from "../retrieval/describe-index.ts";
import type { KnowledgeIndex } from "../retrieval/open-index.ts";
import type { SyncRunner, LastSync } from "./create-sync-runner.ts";

/** /healthz may be probed every second: the document listing behind the status is kept for a moment. */
const STATUS_TTL_MS = 2000;

export interface IndexStatus {
  documents: number;
  chunks: number;
  collections: string[];
  embeddingModel: string | null;
  /** The index version this replica serves, and when it was committed (replicas read with a bounded staleness). */
  version: { number: number; committedAt: string } | null;
  lastSync: LastSync | null;
  syncing: boolean;
}

export interface IndexStatusCache {
  read(): Promise<IndexStatus>;
  /** Forgets the cached status (a sync started or ended). */
  invalidate(): void;
}

/** What the index holds and how its last sync went, read at most every 2 s; a failed read is not kept. */
export function createIndexStatus(index: KnowledgeIndex, syncs: () => Pick<SyncRunner, "lastSync" | "running">): IndexStatusCache {
  let cached: { at: number; value: Promise<IndexStatus> } | null = null;
  const readNow = async (): Promise<IndexStatus> => {
    const { lastSync, running } = syncs();
    const { documents, chunks, embeddingModel, version } = await describeIndex(index);
    return {
      documents: documents.length,
      chunks,
      collections: [...new Set(documents.map((d) => d.collection))].sort(),
      embeddingModel,
      version,
      lastSync: lastSync(),
      syncing: running() !== null,
    };
  };
  return {
    read() {
      if (!cached || Date.now() - cached.at > STATUS_TTL_MS) cached = { at: Date.now(), value: readNow() };
      return cached.value;
    },
    invalidate() {
      cached = null;
    },
  };
}
