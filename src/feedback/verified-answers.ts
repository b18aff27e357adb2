import { waitAtMost } from "../shared/wait-at-most.ts";
import type { Embedder } from "../llm/embedder.ts";
import type { Logger } from "../logger.ts";
import type { KnowledgeIndex } from "../retrieval/open-index.ts";
import type { SyncSummary } from "../retrieval/sync-source.ts";
import { createLock, type Lock } from "../shared/create-lock.ts";
import { syncVerifiedAnswers } from "./sync-verified-answers.ts";
import { createVerifiedAnswerStore, type VerifiedAnswerStore } from "./verified-answer-store.ts";

/** The verified answers as adapters and commands use them: stored, and re-indexed on every change. */
export interface VerifiedAnswers extends Omit<VerifiedAnswerStore, "version"> {
  /** Re-indexes the verified answers now (new, edited, retired); null on a replica that does not write the index. */
  reindex(): Promise<SyncSummary | null>;
  /** Re-indexes whenever another process changed them (a replica that only reads, `docent verified retire`); returns stop. */
  watch(intervalMs: number): () => void;
}

export interface VerifiedAnswersOptions {
  index: KnowledgeIndex;
  store?: VerifiedAnswerStore;
  embedder?: Embedder | null;
  logger: Logger;
  /** Whether this process writes the index (DOCENT_INDEX_WRITER); the others only store, and the writer indexes. */
  writer: boolean;
  /** Shared with the sync of the configured sources, so only one of them writes the index at a time. */
  lock?: Lock;
  /**
   * How long a save, edit or retirement waits for its re-index before it returns (default 2 s): platforms
   * want their answer within seconds, and a long sync of the sources may hold the index. The re-index goes on.
   */
  indexWaitMs?: number;
  /** Told after a re-index changed the index (the cached index status for /healthz is stale then). */
  onReindexed?: () => void;
}

/**
 * Saving, editing or retiring a verified answer stores it first (in the index's LanceDB, seen by every
 * replica), then re-indexes just the verified answers: an expert's answer serves the next question without
 * a full sync. A failed re-index loses nothing: the answer is stored and the next sync indexes it.
 */
export function createVerifiedAnswers(options: VerifiedAnswersOptions): VerifiedAnswers {
  const { index, logger } = options;
  const store = options.store ?? createVerifiedAnswerStore(index.connection);
  const lock = options.lock ?? createLock();
  /** The store's version the index last caught up with (-1: not yet). */
  const indexed = { version: -1 };

  const reindex = async (): Promise<SyncSummary | null> => {
    if (!options.writer) return null;
    return lock(() => reindexNow(options, store, indexed));
  };
  const reindexQuietly = () =>
    reindex().catch((error: Error) => {
      logger.error({ err: error.message }, "could not re-index the verified answers; they are stored, and the next sync indexes them");
      return null;
    });
  const afterwards = async <T>(result: T): Promise<T> => {
    if (!result) return result;
    await waitAtMost(reindexQuietly(), options.indexWaitMs ?? 2_000);
    return result;
  };

  return {
    save: async (input) => afterwards(await store.save(input)),
    edit: async (id, changes, by) => afterwards(await store.edit(id, changes, by)),
    retire: async (id) => afterwards(await store.retire(id)),
    list: store.list,
    find: store.find,
    // Stopping waits for the writes and for a re-index still running (it writes the index being closed).
    flush: async () => {
      await store.flush();
      await lock(async () => undefined);
    },
    reindex,
    watch: (intervalMs) => (options.writer ? watchForChanges(intervalMs, { store, indexed, reindexQuietly, logger }) : () => undefined),
  };
}

/** Re-indexes the verified answers (under the writers' lock), and notes the store's version it caught up with. */
async function reindexNow(options: VerifiedAnswersOptions, store: VerifiedAnswerStore, indexed: { version: number }): Promise<SyncSummary | null> {
  const { index, logger } = options;
  // Before the first sync made the table (or after the embedding model changed) the sync of the
  // configured sources decides how the table is built; it indexes the verified answers after itself.
  if (!(await index.table()) || (await index.embeddingModel()) !== (options.embedder?.model ?? "")) return null;
  const version = await store.version();
  const summary = await syncVerifiedAnswers(index, store, { embedder: options.embedder, logger });
  indexed.version = version;
  if (summary.added + summary.updated + summary.deleted > 0) {
    options.onReindexed?.();
    logger.info({ added: summary.added, updated: summary.updated, deleted: summary.deleted }, "re-indexed the verified answers");
  }
  return summary;
}

/** Every `intervalMs`, re-indexes when the store's version moved past the indexed one; one check at a time. Returns stop. */
function watchForChanges(
  intervalMs: number,
  {
    store,
    indexed,
    reindexQuietly,
    logger,
  }: { store: VerifiedAnswerStore; indexed: { version: number }; reindexQuietly: () => Promise<unknown>; logger: Logger },
): () => void {
  let busy = false;
  const timer = setInterval(async () => {
    if (busy) return;
    busy = true;
    try {
      if ((await store.version()) !== indexed.version) await reindexQuietly();
    } catch (error) {
      logger.warn({ err: (error as Error).message }, "could not check the verified answers for changes");
    } finally {
      busy = false;
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
