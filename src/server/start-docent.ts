import { loadEnglishWords } from "../shared/english-words.ts";
import type { Config } from "../config.ts";
import { createCoreDependencies } from "../core/create-core.ts";
import { createDocentCore, type DocentCore } from "../core/docent-core.ts";
import { createFeedbackStore, type FeedbackStore } from "../feedback/feedback-store.ts";
import { createVerifiedAnswerStore } from "../feedback/verified-answer-store.ts";
import { createVerifiedAnswers, type VerifiedAnswers } from "../feedback/verified-answers.ts";
import { createLock } from "../shared/create-lock.ts";
import type { Embedder } from "../llm/embedder.ts";
import { scrubSecrets, type Logger } from "../logger.ts";
import { openIndex, type KnowledgeIndex } from "../retrieval/open-index.ts";
import type { SyncProgress, SyncSummary } from "../retrieval/sync-source.ts";
import { createWorkTracker, type WorkTracker } from "../shared/create-work-tracker.ts";
import type { Adapter, AdapterContext, AdapterFactory } from "./adapter.ts";
import { createAckFirstScheduler } from "./create-ack-first-scheduler.ts";
import { createHealthCheck } from "./create-health-check.ts";
import { createIndexStatus, type IndexStatus, type IndexStatusCache } from "./create-index-status.ts";
import { createSyncRunner, type SyncRunner } from "./create-sync-runner.ts";
import { keepIndexCurrent } from "./keep-index-current.ts";
import { startServer, type RunningServer } from "./start-server.ts";
import { openSharedState } from "../state/open-shared-state.ts";
import type { SharedState } from "../state/shared-state.ts";

/** How long stopping waits for answers still being written before it closes anyway. */
const ANSWERS_GRACE_MS = 20_000;
/** How often the index writer looks for verified answers saved by another process (a replica, the CLI). */
const VERIFIED_POLL_MS = 5_000;

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
  const { config, logger } = options;
  // The English word list that typo correction reads, read before the server takes a request: loading it
  // blocks for a tenth of a second or more, which the first question with an unknown word would pay, and
  // every request arriving meanwhile with it.
  loadEnglishWords();
  // Another process (`docent ingest`) may commit to the index: look for new versions every few seconds.
  const index = await openIndex(config.dbPath, { readConsistencyIntervalSeconds: 5, storageOptions: config.objectStore });
  const feedback = createFeedbackStore(index.connection);
  const answers = createWorkTracker({ graceMs: ANSWERS_GRACE_MS });
  const state = await openSharedState(config.redisUrl, logger).catch((error: unknown) => {
    index.close();
    throw error;
  });
  const { core, verified, syncs, status } = wireServices(options, { index, feedback, answers, state });

  /** What changes once the server runs: whether /healthz says ready, and what keeps the index current. */
  const life: { ready: boolean; keeper: { stop(): void } | null } = { ready: false, keeper: null };
  let docent: DocentServer;
  const ackScheduler = createAckFirstScheduler();
  const context: AdapterContext = { config, core, logger, ackScheduler, answers, state, docent: () => docent };
  const adapters = (await Promise.all(options.adapters.map((factory) => factory(context)))).filter((a): a is Adapter => a !== null);
  const health = createHealthCheck({
    ready: () => life.ready,
    indexStatus: status.read,
    lastSync: syncs.lastSync,
    adapters,
    generatorName: core.generatorName,
    embeddingModel: options.embedder?.model ?? null,
    stateProblem: state.kind === "redis" ? state.problem : undefined,
  });
  const server = await startServer({
    port: config.port,
    routes: adapters.flatMap((a) => a.routes),
    health,
    logger,
    onConnection: ackScheduler.connectionAccepted,
  });
  docent = {
    url: server.url,
    core,
    index,
    adapters,
    indexStatus: status.read,
    sync: config.indexWriter ? syncs.sync : () => Promise.reject(new Error(READER_ONLY)),
    stop: () => stopInOrder({ keeper: life.keeper, server, adapters, core, feedback, syncs, index, state }),
  };

  await startAdapters(adapters, docent);
  if (!config.indexWriter) {
    // Several replicas, one writer (concurrent LanceDB writers can duplicate rows): this one only reads,
    // and sees the writer's commits within the read consistency interval.
    logger.info("this replica only reads the index (DOCENT_INDEX_WRITER=false); another process syncs it");
    await core.warmUp();
    life.ready = true;
    return docent;
  }
  if (await indexIsEmpty(status.read, logger)) {
    logger.info("the index is empty: indexing the configured sources first");
    await syncs.sync().catch(() => undefined);
  }
  await core.warmUp();
  life.ready = true;
  life.keeper = keepCurrent(config, syncs, verified, logger);
  return docent;
}

/**
 * The core and the index's writers: verified answers and the sync runner, one at a time under one lock,
 * both forgetting the cached index status when they change the index.
 */
function wireServices(
  { config, logger, embedder, onSyncProgress }: StartOptions,
  { index, feedback, answers, state }: { index: KnowledgeIndex; feedback: FeedbackStore; answers: WorkTracker; state: SharedState },
): { core: DocentCore; verified: VerifiedAnswers; syncs: SyncRunner; status: IndexStatusCache } {
  // One writer at a time: the sync of the sources and the re-index after an expert saves an answer.
  const lock = createLock();
  const verifiedStore = createVerifiedAnswerStore(index.connection);
  const verified = createVerifiedAnswers({
    index,
    store: verifiedStore,
    embedder,
    logger,
    writer: config.indexWriter,
    lock,
    onReindexed: () => status.invalidate(),
  });
  const core = createDocentCore(createCoreDependencies(config, index, logger, embedder), feedback, {
    limits: config.limits,
    inFlight: answers,
    state,
    verified,
  });
  const syncs = createSyncRunner({
    index,
    sources: config.sources,
    credentials: config.sourceCredentials,
    embedder,
    logger,
    graph: config.graph,
    onProgress: onSyncProgress,
    onChange: () => status.invalidate(),
    verified: verifiedStore,
    lock,
  });
  const status = createIndexStatus(index, () => syncs);
  return { core, verified, syncs, status };
}

async function startAdapters(adapters: Adapter[], docent: DocentServer): Promise<void> {
  try {
    for (const adapter of adapters) await adapter.start?.();
  } catch (error) {
    // A refused credential: nothing will start working by waiting, so shut down what runs and report it.
    await docent.stop().catch(() => undefined);
    throw error;
  }
}

/** The index writer looks for verified answers saved elsewhere and re-syncs the sources on schedule or on change. */
function keepCurrent(config: Config, syncs: SyncRunner, verified: VerifiedAnswers, logger: Logger): { stop(): void } {
  const stopWatching = verified.watch(VERIFIED_POLL_MS);
  const sources = keepIndexCurrent({
    sources: config.sources,
    intervalMs: config.syncIntervalMs,
    watch: config.watch,
    sync: (only) => syncs.sync(undefined, only),
    logger,
  });
  return {
    stop() {
      stopWatching();
      sources.stop();
    },
  };
}

const READER_ONLY = "this replica only reads the index (DOCENT_INDEX_WRITER=false): sync from the writer replica or with `docent ingest`";

/**
 * An index that cannot be read now (its object store is down) is not a reason to stop, nor to sync: /healthz
 * says why (503) and turns ready by itself once reads work again.
 */
function indexIsEmpty(readStatus: () => Promise<IndexStatus>, logger: Logger): Promise<boolean> {
  return readStatus().then(
    (status) => status.documents === 0,
    (error: Error) => {
      logger.error({ err: scrubSecrets(error.message) }, "the index cannot be read; serving anyway, /healthz reports it until it can");
      return false;
    },
  );
}

/** Stops taking new work, lets the answers in flight reach their threads, then closes. */
async function stopInOrder(parts: {
  keeper: { stop(): void } | null;
  server: RunningServer;
  adapters: Adapter[];
  core: DocentCore;
  feedback: FeedbackStore;
  syncs: SyncRunner;
  index: KnowledgeIndex;
  state: SharedState;
}): Promise<void> {
  parts.keeper?.stop();
  const closing = parts.server.close();
  await Promise.all(parts.adapters.map((a) => a.stop?.()));
  await parts.core.drain();
  await parts.feedback.flush();
  await parts.core.verified.flush();
  await parts.syncs.running()?.catch(() => undefined);
  await closing;
  await parts.state.close().catch(() => undefined);
  parts.index.close();
}
