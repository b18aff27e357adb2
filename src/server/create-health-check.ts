import { scrubSecrets } from "../logger.ts";
import type { StateProblem } from "../state/shared-state.ts";
import type { Adapter } from "./adapter.ts";
import type { IndexStatus } from "./create-index-status.ts";
import type { LastSync } from "./create-sync-runner.ts";
import type { HealthReport } from "./start-server.ts";

export interface HealthCheckOptions {
  /** False until the first index is built (or found). */
  ready: () => boolean;
  indexStatus: () => Promise<IndexStatus>;
  lastSync: () => LastSync | null;
  adapters: Adapter[];
  generatorName: string;
  /** The configured embedding model (DOCENT_EMBEDDING_MODEL), or null for full-text retrieval. */
  embeddingModel?: string | null;
  /** The shared state's outage, if any (Redis unreachable: answers go on from each replica's memory). */
  stateProblem?: () => StateProblem | null;
}

/**
 * `/healthz`: 503 while starting or while the index cannot be read; 200 otherwise. A platform that is
 * down, or a failed sync, degrades the server with the reason, but the rest still answers, so it stays ready.
 */
export function createHealthCheck(options: HealthCheckOptions): () => Promise<HealthReport> {
  const { adapters } = options;
  return async () => {
    let unreadable = "";
    const status = await options.indexStatus().catch((error: Error) => ((unreadable = scrubSecrets(error.message).split("\n")[0]!.slice(0, 300)), null));
    const platformHealth: Record<string, ReturnType<NonNullable<Adapter["health"]>>> = Object.fromEntries(
      adapters.map((a) => [a.name, a.health?.() ?? { status: "ok" }]),
    );
    const stateProblem = options.stateProblem?.() ?? null;
    const wanted = options.embeddingModel ?? null;
    // Search is hybrid only over vectors of the configured model; otherwise it quietly stays full-text.
    const hybrid = wanted !== null && status?.embeddingModel === wanted;
    const base = {
      index: status ? { documents: status.documents, chunks: status.chunks, version: status.version } : null,
      llm: options.generatorName,
      retrieval: hybrid ? "hybrid" : "full-text",
      platforms: adapters.map((a) => a.name),
      platformHealth,
      ...(options.stateProblem ? { sharedState: stateProblem ? { status: "degraded", ...stateProblem } : { status: "ok" } } : {}),
    };
    if (!options.ready()) return { ready: false, status: "starting", ...base };
    if (!status) return { ready: false, status: "degraded", reason: `the index cannot be read: ${unreadable}`, ...base };
    const lastSync = options.lastSync();
    const reasons = [
      ...(lastSync && !lastSync.ok ? [`last sync failed: ${lastSync.error}`] : []),
      ...Object.entries(platformHealth).flatMap(([name, h]) => (h.status === "degraded" ? [`${name}: ${h.reason}`] : [])),
      ...(stateProblem ? [`shared state (Redis) unreachable since ${stateProblem.since}: ${stateProblem.error}`] : []),
      // An empty index has no vectors of any model yet: nothing to fix before its first documents.
      ...(wanted !== null && !hybrid && status.chunks > 0
        ? [
            `the embedding model ${wanted} is configured but the index holds ${status.embeddingModel ? `vectors of ${status.embeddingModel}` : "no vectors"}: searching full-text only until \`docent ingest --full\``,
          ]
        : []),
    ];
    return { ready: true, status: reasons.length ? "degraded" : "ok", ...(reasons.length ? { reason: reasons.join("; ") } : {}), ...base };
  };
}
