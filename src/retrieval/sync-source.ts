import type { Table } from "@lancedb/lancedb";
import type { GraphSettings } from "../config.ts";
import type { Logger } from "../logger.ts";
import type { Embedder } from "../llm/embedder.ts";
import { buildChunks } from "../ingest/build-chunks.ts";
import { documentUrl } from "../ingest/document-url.ts";
import { fileTitle } from "../ingest/file-title.ts";
import { firstHeading } from "../ingest/loaders/first-heading.ts";
import type { SourceEntry, SourceReader } from "../ingest/source-reader.ts";
import type { SplitOptions } from "../ingest/split-document.ts";
import type { ChunkRow } from "../ingest/chunk-row.ts";
import { sqlList, sqlString } from "../shared/sql-string.ts";
import { CHUNKS_TABLE } from "./chunks-table.ts";
import { chunkSchema } from "./chunk-schema.ts";
import { ensureIndexes } from "./ensure-indexes.ts";
import { ensureChunkColumns } from "./ensure-chunk-columns.ts";
import type { DocumentOwner } from "../shared/document-owner.ts";
import type { KnowledgeIndex } from "./open-index.ts";

export interface SyncTarget {
  /** The source's name, stored on each row so one source's sync never touches another's documents. */
  name: string;
  collection: string;
  baseUrl?: string;
  prettyUrls?: boolean;
  /** The source's owner; a document's own (front matter) wins. */
  owner?: DocumentOwner;
}

export type SyncPhase = "scanning" | "loading" | "embedding" | "writing" | "indexing";

export interface SyncProgress {
  phase: SyncPhase;
  done: number;
  total: number;
  docId?: string;
}

export interface SyncOptions {
  full?: boolean;
  embedder?: Embedder | null;
  logger: Logger;
  onProgress?: (progress: SyncProgress) => void;
  split?: SplitOptions;
  /** Microsoft Graph's address and the app's credentials, for SharePoint sources (syncSources passes them on). */
  graph?: GraphSettings;
  /** Credentials of live sources, by variable name (config's `sourceCredentials`); default process.env. */
  credentials?: Record<string, string | undefined>;
}

export interface SyncSummary {
  source: string;
  added: number;
  updated: number;
  deleted: number;
  unchanged: number;
  /** Documents that could not be loaded; a previously indexed version of them stays in the index. */
  failed: { docId: string; error: string }[];
  /** Documents loaded in this sync that have no text to search (a scanned PDF, say), and why. */
  unreadable: { docId: string; reason: string }[];
  /** Documents the source holds in formats Docent does not read (a `.doc`, a `.key`), left out of the index. */
  notRead: string[];
  chunksWritten: number;
  chunksEmbedded: number;
  /**
   * Documents of this source that another source also held in the same collection (the same folder
   * indexed earlier under another path, say), whose other copy this sync removed.
   */
  duplicatesRemoved: number;
  /** Chunks this source has in the index after the sync. */
  chunks: number;
  seconds: number;
}

interface StoredDocument {
  contentHash: string;
}

/**
 * Brings the index in line with one source: documents whose content hash is unchanged are skipped,
 * changed ones are replaced and vanished ones deleted, all in a single commit so that readers see either
 * the old or the new version of the source, never a mix; then the indexes are brought up to date.
 */
export async function syncSource(index: KnowledgeIndex, target: SyncTarget, reader: SourceReader, options: SyncOptions): Promise<SyncSummary> {
  const started = performance.now();
  const { logger, onProgress } = options;
  onProgress?.({ phase: "scanning", done: 0, total: 0 });
  const entries = await reader.list({ onProgress: (done, total) => onProgress?.({ phase: "scanning", done, total }) });
  let table = await index.table();
  // An index from before permissions or owner routing gains those columns: a new table version to reopen.
  if (table && (await ensureChunkColumns(table, logger))) {
    await index.refresh();
    table = await index.table();
  }
  const stored = table ? await storedDocuments(table, target.name) : new Map<string, StoredDocument>();

  const changed = entries.filter((entry) => options.full || stored.get(entry.docId)?.contentHash !== entry.contentHash);
  const present = new Set(entries.map((entry) => entry.docId));
  const vanished = [...stored.keys()].filter((docId) => !present.has(docId));
  const summary: SyncSummary = {
    source: target.name,
    added: 0,
    updated: 0,
    deleted: vanished.length,
    unchanged: entries.length - changed.length,
    failed: [],
    unreadable: [],
    notRead: reader.notRead?.() ?? [],
    chunksWritten: 0,
    chunksEmbedded: 0,
    duplicatesRemoved: 0,
    chunks: 0,
    seconds: 0,
  };

  const rows: ChunkRow[] = [];
  // Only documents that loaded are replaced; one that fails keeps its previous version in the index.
  const replaced: string[] = [];
  for (const [i, entry] of changed.entries()) {
    onProgress?.({ phase: "loading", done: i, total: changed.length, docId: entry.docId });
    try {
      const loaded = await loadChunks(reader, target, entry, options.split);
      rows.push(...loaded.rows);
      replaced.push(entry.docId);
      if (loaded.unreadable) {
        summary.unreadable.push({ docId: entry.docId, reason: loaded.unreadable });
        logger.warn({ source: target.name, docId: entry.docId }, `${entry.docId} has no text to search: ${loaded.unreadable}`);
      }
      if (stored.has(entry.docId)) summary.updated++;
      else summary.added++;
    } catch (error) {
      const message = (error as Error).message;
      summary.failed.push({ docId: entry.docId, error: message });
      logger.warn({ source: target.name, docId: entry.docId, err: message }, `skipped ${entry.docId}: ${message}`);
    }
  }
  onProgress?.({ phase: "loading", done: changed.length, total: changed.length });

  if (options.embedder) {
    summary.chunksEmbedded = await addVectors(rows, options.embedder, table, target.name, replaced, onProgress);
  }

  // A collection holds each document once: a copy of one of this source's documents (same path, same
  // content and settings) that another source left there (the same folder ingested under another path,
  // or since moved) is removed. Checked on every sync, unchanged or not, so an index that already holds
  // copies is cleaned up. A different document that only shares the path, from another folder, stays.
  const owned = new Map(entries.filter((entry) => stored.has(entry.docId) || replaced.includes(entry.docId)).map((entry) => [entry.docId, entry.contentHash]));
  const copies = table ? await copiesElsewhere(table, target, owned) : [];
  if (copies.length > 0) {
    summary.duplicatesRemoved = new Set(copies.map((copy) => copy.docId)).size;
    const others = [...new Set(copies.map((copy) => copy.source))];
    logger.warn(
      { source: target.name, collection: target.collection, others, documents: summary.duplicatesRemoved },
      `${summary.duplicatesRemoved} documents of "${target.name}" were also indexed in collection "${target.collection}" by ${others.map((o) => `"${o}"`).join(", ")}; keeping one copy`,
    );
  }

  const touched = [...replaced, ...vanished];
  const staleWhere = [
    ...(touched.length > 0 ? [`(source = ${sqlString(target.name)} AND docId IN ${sqlList(touched)})`] : []),
    ...(copies.length > 0
      ? [`(collection = ${sqlString(target.collection)} AND source <> ${sqlString(target.name)} AND docId IN ${sqlList(new Set(copies.map((c) => c.docId)))})`]
      : []),
  ].join(" OR ");
  if (staleWhere || !table) {
    onProgress?.({ phase: "writing", done: 0, total: rows.length });
    table = await writeRows(index, table, rows, staleWhere, options.embedder, rows[0]?.vector?.length);
    summary.chunksWritten = rows.filter((row) => row.chunkIndex >= 0).length;
    onProgress?.({ phase: "indexing", done: 0, total: 1 });
    await ensureIndexes(table, { optimize: true });
    await index.refresh();
    table = await index.table();
  } else if (table) {
    // Nothing changed, but an earlier run may have been killed between its commit and its indexing.
    await ensureIndexes(table, { optimize: false });
  }
  summary.chunks = table ? await table.countRows(`source = ${sqlString(target.name)} AND chunkIndex >= 0`) : 0;
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

async function storedDocuments(table: Table, source: string): Promise<Map<string, StoredDocument>> {
  const rows = await table
    .query()
    .where(`source = ${sqlString(source)} AND chunkIndex <= 0`)
    .select(["docId", "contentHash"])
    .toArray();
  return new Map(rows.map((row) => [String(row.docId), { contentHash: String(row.contentHash) }]));
}

/** Documents in the target's collection that other sources hold with one of `documents`' paths and content hashes. */
async function copiesElsewhere(table: Table, target: SyncTarget, documents: Map<string, string>): Promise<{ docId: string; source: string }[]> {
  if (documents.size === 0) return [];
  const rows = await table
    .query()
    .where(`collection = ${sqlString(target.collection)} AND source <> ${sqlString(target.name)} AND chunkIndex <= 0`)
    .select(["docId", "source", "contentHash"])
    .toArray();
  return rows
    .filter((row) => documents.get(String(row.docId)) === String(row.contentHash))
    .map((row) => ({ docId: String(row.docId), source: String(row.source) }));
}

async function loadChunks(
  reader: SourceReader,
  target: SyncTarget,
  entry: SourceEntry,
  split?: SplitOptions,
): Promise<{ rows: ChunkRow[]; unreadable?: string }> {
  const content = await reader.load(entry.docId);
  const title = content.title?.trim() || firstHeading(content.markdown) || fileTitle(entry.docId);
  const rows = await buildChunks(
    {
      docId: entry.docId,
      source: target.name,
      collection: target.collection,
      title,
      url: documentUrl(content.url, target.baseUrl, entry.docId, target.prettyUrls),
      keywords: content.keywords,
      markdown: content.markdown,
      contentHash: entry.contentHash,
      updatedAt: entry.updatedAt,
      readers: content.readers,
      owner: content.owner ?? target.owner ?? null,
    },
    split,
  );
  return { rows, unreadable: content.unreadable };
}

/** Vectors for new rows, reusing the stored vector of any passage whose text did not change. */
async function addVectors(
  rows: ChunkRow[],
  embedder: Embedder,
  table: Table | null,
  source: string,
  docIds: string[],
  onProgress?: (progress: SyncProgress) => void,
): Promise<number> {
  const known = new Map<string, number[]>();
  if (table && docIds.length > 0 && (await table.schema()).fields.some((field) => field.name === "vector")) {
    const old = await table
      .query()
      .where(`source = ${sqlString(source)} AND docId IN ${sqlList(docIds)}`)
      .select(["chunkHash", "vector"])
      .toArray();
    for (const row of old) if (row.vector) known.set(String(row.chunkHash), Array.from(row.vector as Iterable<number>));
  }
  const missing = rows.filter((row) => row.searchText && !known.has(row.chunkHash));
  const batch = 256;
  for (let i = 0; i < missing.length; i += batch) {
    onProgress?.({ phase: "embedding", done: i, total: missing.length });
    const slice = missing.slice(i, i + batch);
    const vectors = await embedder.embed(slice.map((row) => row.searchText));
    for (const [j, row] of slice.entries()) known.set(row.chunkHash, vectors[j]!);
  }
  for (const row of rows) if (row.searchText) row.vector = known.get(row.chunkHash);
  return missing.length;
}

async function writeRows(
  index: KnowledgeIndex,
  table: Table | null,
  rows: ChunkRow[],
  /** Which stored rows this commit replaces or drops (an SQL filter); "" for none. */
  staleWhere: string,
  embedder: Embedder | null | undefined,
  dimensions: number | undefined,
): Promise<Table> {
  const records = rows.map((row) => ({ ...row }) as Record<string, unknown>);
  if (!table) {
    const schema = chunkSchema(embedder && dimensions ? { model: embedder.model, dimensions } : null);
    const create = () =>
      records.length > 0
        ? index.connection.createTable(CHUNKS_TABLE, records, { schema, mode: "create" })
        : index.connection.createEmptyTable(CHUNKS_TABLE, schema);
    try {
      return await create();
    } catch (error) {
      // The folder of a table whose creator was killed before its first commit blocks the name.
      if (!/already exists/i.test((error as Error).message)) throw error;
      await index.connection.dropTable(CHUNKS_TABLE);
      return create();
    }
  }
  if (records.length === 0) {
    if (staleWhere) await table.delete(staleWhere);
    return table;
  }
  // One commit: insert the new passages and drop the replaced documents' old ones (and other copies).
  const merge = table.mergeInsert("id").whenMatchedUpdateAll().whenNotMatchedInsertAll();
  await (staleWhere ? merge.whenNotMatchedBySourceDelete({ where: staleWhere }) : merge).execute(records);
  return table;
}
