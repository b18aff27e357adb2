import type { SourceConfig } from "../config.ts";
import { readerForSource } from "../ingest/reader-for-source.ts";
import { SourceError } from "../ingest/source-reader.ts";
import { CHUNKS_TABLE } from "./chunk-row.ts";
import type { KnowledgeIndex } from "./open-index.ts";
import { syncSource, type SyncOptions, type SyncSummary } from "./sync-source.ts";

/**
 * Syncs each source in turn. Vectors from two embedding models cannot be compared, so a change of model
 * needs `full`, which then rebuilds the table from scratch.
 */
export async function syncSources(index: KnowledgeIndex, sources: SourceConfig[], options: SyncOptions): Promise<SyncSummary[]> {
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
  const summaries: SyncSummary[] = [];
  for (const source of sources) {
    summaries.push(
      await syncSource(index, { name: source.name, collection: source.collection, baseUrl: source.baseUrl, prettyUrls: source.prettyUrls }, readerForSource(source), options),
    );
  }
  return summaries;
}
