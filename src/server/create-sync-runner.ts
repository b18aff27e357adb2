import type { GraphSettings, SourceConfig } from "../config.ts";
import type { Embedder } from "../llm/embedder.ts";
import { scrubSecrets, type Logger } from "../logger.ts";
import type { KnowledgeIndex } from "../retrieval/open-index.ts";
import type { SyncProgress, SyncSummary } from "../retrieval/sync-source.ts";
import { failedOutcomes, succeededOutcomes, syncSources, type SourceOutcome } from "../retrieval/sync-sources.ts";
import { syncVerifiedAnswers } from "../feedback/sync-verified-answers.ts";
import type { VerifiedAnswerStore } from "../feedback/verified-answer-store.ts";
import { createLock, type Lock } from "../shared/create-lock.ts";
import { VERIFIED_SOURCE } from "../shared/verified-collection.ts";

export interface LastSync {
  at: string;
  ok: boolean;
  error: string | null;
  summaries: SyncSummary[];
}

export interface SyncRunner {
  /** Re-syncs the named sources, or all; questions keep being answered from the previous version meanwhile. */
  sync(onProgress?: (progress: SyncProgress) => void, onlySources?: string[]): Promise<SyncSummary[]>;
  /** How the last run ended (null before the first); shown by /healthz and the admin view. */
  lastSync(): LastSync | null;
  /** The run in progress, if any. */
  running(): Promise<SyncSummary[]> | null;
}

export interface SyncRunnerOptions {
  index: KnowledgeIndex;
  sources: SourceConfig[];
  embedder: Embedder | null;
  logger: Logger;
  onProgress?: (progress: SyncProgress) => void;
  /** Microsoft Graph's address and credentials, for SharePoint sources. */
  graph?: GraphSettings;
  /** Credentials of live sources (config's `sourceCredentials`). */
  credentials?: Record<string, string | undefined>;
  /** Told when a run starts and when it ends (the index status cached for /healthz is stale then). */
  onChange?: () => void;
  /** Indexed after every run, so a rebuilt table keeps them. */
  verified?: Pick<VerifiedAnswerStore, "list">;
  /** Shared with whatever else writes the index in this process (re-indexing the verified answers). */
  lock?: Lock;
}

/** Syncs of the configured sources while serving: two requests at once (the admin button and the schedule) share one run. */
export function createSyncRunner(options: SyncRunnerOptions): SyncRunner {
  const { index, embedder, logger } = options;
  const lock = options.lock ?? createLock();
  const runOnce = (sources: SourceConfig[], onProgress?: (progress: SyncProgress) => void) =>
    lock(async () => {
      const outcomes = await syncSources(index, sources, { embedder, logger, onProgress, graph: options.graph, credentials: options.credentials });
      // Not when the sources failed before writing anything (a model change refused): the table is theirs to build.
      if (options.verified && (await index.table())) outcomes.push(await syncVerified(options.verified));
      return outcomes;
    });
  const syncVerified = (store: Pick<VerifiedAnswerStore, "list">): Promise<SourceOutcome> =>
    syncVerifiedAnswers(index, store, { embedder, logger }).catch((error: Error) => {
      logger.error({ err: error.message }, "could not index the verified answers");
      return { source: VERIFIED_SOURCE, error: error.message, isUsageError: false };
    });
  let running: Promise<SyncSummary[]> | null = null;
  let lastSync: LastSync | null = null;
  const finished = (ok: boolean, error: string | null, summaries: SyncSummary[]) => {
    lastSync = { at: new Date().toISOString(), ok, error, summaries };
  };
  return {
    sync(onProgress, onlySources) {
      const sources = onlySources ? options.sources.filter((source) => onlySources.includes(source.name)) : options.sources;
      options.onChange?.();
      running ??= runOnce(sources, onProgress ?? options.onProgress)
        .then((outcomes) => {
          const failures = failedOutcomes(outcomes);
          const summaries = succeededOutcomes(outcomes);
          // Shown by /healthz and the admin view: never with a credential a source URL may carry.
          const error = failures.length ? scrubSecrets(failures.map((f) => `${f.source}: ${f.error}`).join("; ")) : null;
          finished(error === null, error, summaries);
          return summaries;
        })
        .catch((error: Error) => {
          finished(false, scrubSecrets(error.message), []);
          logger.error({ err: error.message }, "sync failed; the previous index version keeps serving");
          throw error;
        })
        .finally(() => {
          running = null;
          options.onChange?.();
        });
      return running;
    },
    lastSync: () => lastSync,
    running: () => running,
  };
}
