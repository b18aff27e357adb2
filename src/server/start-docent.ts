import type { Config } from "../config.ts";
import { createCoreDependencies } from "../core/create-core.ts";
import { createDocentCore, type DocentCore } from "../core/docent-core.ts";
import { createFeedbackStore } from "../feedback/feedback-store.ts";
import { scrubSecrets, type Logger } from "../logger.ts";
import { createWorkTracker } from "../shared/create-work-tracker.ts";
import type { Embedder } from "../llm/embedder.ts";
import { openIndex, type KnowledgeIndex } from "../retrieval/open-index.ts";
import { listDocuments } from "../retrieval/list-documents.ts";
import { failedOutcomes, succeededOutcomes, syncSources } from "../retrieval/sync-sources.ts";
import type { SyncProgress, SyncSummary } from "../retrieval/sync-source.ts";
import type { Adapter, AdapterContext, AdapterFactory } from "./adapter.ts";
import { createAckFirstScheduler, type AckFirstScheduler } from "./create-ack-first-scheduler.ts";
import { keepIndexCurrent } from "./keep-index-current.ts";
import { startServer, type HealthReport, type RunningServer } from "./start-server.ts";

const STATUS_TTL_MS = 2000;
/** How long stopping waits for answers still being written before it closes anyway. */
const ANSWERS_GRACE_MS = 20_000;

export interface IndexStatus {
  documents: number;
  chunks: number;
  collections: string[];
  embeddingModel: string | null;
  lastSync: { at: string; ok: boolean; error: string | null; summaries: SyncSummary[] } | null;
  syncing: boolean;
}

// Adapters written against the earlier home of the adapter contract keep compiling.
export type { AdapterContext, AdapterFactory } from "./adapter.ts";

export interface DocentServer {
  url: string;
  core: DocentCore;
  index: KnowledgeIndex;
  adapters: Adapter[];
  indexStatus(): Promise<IndexStatus>;
  /** Re-syncs the configured sources; questions keep being answered from the previous version meanwhile. */
  sync(onProgress?: (progress: SyncProgress) => void, onlySources?: string[]): Promise<SyncSummary[]>;
  stop(): Promise<void>;
}

export interface StartOptions {
  config: Config;
  logger: Logger;
  embedder: Embedder | null;
  adapters: AdapterFactory[];
  onSyncProgress?: (progress: SyncProgress) => void;
}

/**
 * Opens the index, wires the core, mounts every enabled adapter on one server, and runs the first ingest
 * when the index is empty. `/healthz` answers 503 until the index can answer questions.
 */
export async function startDocent(options: StartOptions): Promise<DocentServer> {
  const { config, logger, embedder } = options;
  // Another process (`docent ingest`) may commit to the index: look for new versions every few seconds.
  const index = await openIndex(config.dbPath, { readConsistencyIntervalSeconds: 5 });
  const feedback = createFeedbackStore(index.connection);
  const answers = createWorkTracker({ graceMs: ANSWERS_GRACE_MS });
  const core = createDocentCore(createCoreDependencies(config, index, logger, embedder), feedback, { limits: config.limits, inFlight: answers });

  let ready = false;
  let syncing: Promise<SyncSummary[]> | null = null;
  let lastSync: IndexStatus["lastSync"] = null;
  // /healthz may be probed every second: the document listing behind the status is kept for a moment.
  let cachedStatus: { at: number; value: Promise<IndexStatus> } | null = null;
  const sync = (onProgress?: (progress: SyncProgress) => void, onlySources?: string[]) => {
    // Two sync requests at once (the admin button and the schedule) share one run.
    const sources = onlySources ? config.sources.filter((source) => onlySources.includes(source.name)) : config.sources;
    cachedStatus = null;
    syncing ??= syncSources(index, sources, { embedder, logger, onProgress: onProgress ?? options.onSyncProgress })
      .then((outcomes) => {
        const failures = failedOutcomes(outcomes);
        const summaries = succeededOutcomes(outcomes);
        // Shown by /healthz and the admin view: never with a credential a source URL may carry.
        const error = failures.length ? scrubSecrets(failures.map((f) => `${f.source}: ${f.error}`).join("; ")) : null;
        lastSync = { at: new Date().toISOString(), ok: error === null, error, summaries };
        return summaries;
      })
      .catch((error: Error) => {
        lastSync = { at: new Date().toISOString(), ok: false, error: scrubSecrets(error.message), summaries: [] };
        logger.error({ err: error.message }, "sync failed; the previous index version keeps serving");
        throw error;
      })
      .finally(() => {
        syncing = null;
        cachedStatus = null;
      });
    return syncing;
  };

  const readIndexStatus = async (): Promise<IndexStatus> => {
    const table = await index.table();
    if (!table) return { documents: 0, chunks: 0, collections: [], embeddingModel: null, lastSync, syncing: syncing !== null };
    const documents = await listDocuments(table);
    return {
      documents: documents.length,
      chunks: await table.countRows("chunkIndex >= 0"),
      collections: [...new Set(documents.map((d) => d.collection))].sort(),
      embeddingModel: (await index.embeddingModel()) || null,
      lastSync,
      syncing: syncing !== null,
    };
  };
  const indexStatus = (): Promise<IndexStatus> => {
    if (!cachedStatus || Date.now() - cachedStatus.at > STATUS_TTL_MS) cachedStatus = { at: Date.now(), value: readIndexStatus() };
    return cachedStatus.value;
  };

  let docent: DocentServer;
  let keeper: { stop(): void } | null = null;
  const context: AdapterContext = { config, core, logger, ackScheduler: createAckFirstScheduler(), answers, docent: () => docent };
  const adapters = (await Promise.all(options.adapters.map((factory) => factory(context)))).filter((a): a is Adapter => a !== null);

  const health = async (): Promise<HealthReport> => {
    let unreadable = "";
    const status = await indexStatus().catch((error: Error) => ((unreadable = scrubSecrets(error.message).split("\n")[0]!.slice(0, 300)), null));
    const platformHealth: Record<string, ReturnType<NonNullable<Adapter["health"]>>> = Object.fromEntries(adapters.map((a) => [a.name, a.health?.() ?? { status: "ok" }]));
    const base = { index: status ? { documents: status.documents, chunks: status.chunks } : null, llm: core.generatorName, platforms: adapters.map((a) => a.name), platformHealth };
    if (!ready) return { ready: false, status: "starting", ...base };
    if (!status) return { ready: false, status: "degraded", reason: `the index cannot be read: ${unreadable}`, ...base };
    // A platform that is down, or a failed sync, degrades the server; the rest still answers, so it stays ready.
    const reasons = [
      ...(lastSync && !lastSync.ok ? [`last sync failed: ${lastSync.error}`] : []),
      ...Object.entries(platformHealth).flatMap(([name, h]) => (h.status === "degraded" ? [`${name}: ${h.reason}`] : [])),
    ];
    return { ready: true, status: reasons.length ? "degraded" : "ok", ...(reasons.length ? { reason: reasons.join("; ") } : {}), ...base };
  };

  const server: RunningServer = await startServer({ port: config.port, routes: adapters.flatMap((a) => a.routes), health, logger });
  docent = {
    url: server.url,
    core,
    index,
    adapters,
    indexStatus,
    sync,
    async stop() {
      // Stop taking new work, let the answers in flight reach their threads, then close.
      keeper?.stop();
      const closing = server.close();
      await Promise.all(adapters.map((a) => a.stop?.()));
      await core.drain();
      await feedback.flush();
      await syncing?.catch(() => undefined);
      await closing;
      index.close();
    },
  };

  try {
    for (const adapter of adapters) await adapter.start?.();
  } catch (error) {
    // A refused credential: nothing will start working by waiting, so shut down what runs and report it.
    await docent.stop().catch(() => undefined);
    throw error;
  }
  // An index that cannot be read now (its object store is down) is not a reason to stop: /healthz says
  // why (503) and turns ready by itself once reads work again.
  const empty = await indexStatus().then(
    (status) => status.documents === 0,
    (error: Error) => {
      logger.error({ err: scrubSecrets(error.message) }, "the index cannot be read; serving anyway, /healthz reports it until it can");
      return false;
    },
  );
  if (empty) {
    logger.info("the index is empty: indexing the configured sources first");
    await sync().catch(() => undefined);
  }
  ready = true;
  keeper = keepIndexCurrent({ sources: config.sources, intervalMs: config.syncIntervalMs, watch: config.watch, sync: (only) => sync(undefined, only), logger });
  return docent;
}
