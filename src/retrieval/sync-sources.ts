import type { SourceConfig } from "../config.ts";
import { readerForSource } from "../ingest/reader-for-source.ts";
import { SourceError } from "../ingest/source-reader.ts";
import { CHUNKS_TABLE } from "./chunks-table.ts";
import type { KnowledgeIndex } from "./open-index.ts";
import { createSyncLog } from "./sync-log.ts";
import { syncSource, type SyncOptions, type SyncSummary } from "./sync-source.ts";

/** Why a source could not be synced; `isUsageError` when the source itself is misconfigured (a missing folder). */
export interface SourceFailure {
  source: string;
  error: string;
  isUsageError: boolean;
}

/** A source's sync: its summary, or why it failed. */
export type SourceOutcome = SyncSummary | SourceFailure;

export function failedOutcomes(outcomes: SourceOutcome[]): SourceFailure[] {
  return outcomes.filter((o): o is SourceFailure => "error" in o);
}

export function succeededOutcomes(outcomes: SourceOutcome[]): SyncSummary[] {
  return outcomes.filter((o): o is SyncSummary => !("error" in o));
}

/**
 * Syncs each source in turn. Vectors from two embedding models cannot be compared, so a change of model
 * needs `full`, which then rebuilds the table from scratch.
 */
export async function syncSources(index: KnowledgeIndex, sources: SourceConfig[], options: SyncOptions): Promise<SourceOutcome[]> {
  const storedModel = await index.embeddingModel();
  const wantedModel = options.embedder?.model ?? "";
  if ((await index.table()) && storedModel !== wantedModel) {
    if (!options.full) {
      throw new SourceError(
        `the index was built ${storedModel ? `with embedding model "${storedModel}"` : "without embeddings"} but ${wantedModel ? `"${wantedModel}" is configured` : "no embedding model is configured"}; run \`docent ingest --full\` to rebuild it`,
      );
    }
    options.logger.warn({ from: storedModel, to: wantedModel }, "embedding model changed: rebuilding the index from scratch");
    await index.connection.dropTable(CHUNKS_TABLE);
    await index.refresh();
  }
  const log = createSyncLog(index.connection);
  // The log serves reports; failing to write it must not fail the sync it describes.
  const record = (source: string, outcome: Parameters<typeof log.record>[1]) =>
    log.record(source, outcome).catch((error: Error) => options.logger.warn({ source, err: error.message }, "could not record the sync in the sync log"));
  const outcomes: SourceOutcome[] = [];
  for (const source of sources) {
    // One unreachable source must not keep the others from syncing; its previous version keeps serving.
    try {
      const summary = await syncSource(
        index,
        { name: source.name, collection: source.collection, baseUrl: source.baseUrl, prettyUrls: source.prettyUrls, owner: source.owner },
        readerForSource(source, { dbPath: index.uri, graph: options.graph, env: options.credentials, logger: options.logger }),
        options,
      );
      outcomes.push(summary);
      await record(source.name, { summary });
    } catch (error) {
      const message = (error as Error).message;
      options.logger.error({ source: source.name, err: message }, `sync of source "${source.name}" failed`);
      outcomes.push({ source: source.name, error: message, isUsageError: error instanceof SourceError });
      await record(source.name, { error: message });
    }
  }
  return outcomes;
}
