import type { SourceConfig } from "../config.ts";
import { listDocuments } from "./list-documents.ts";
import type { KnowledgeIndex } from "./open-index.ts";
import { createSyncLog } from "./sync-log.ts";

export interface SourceStatus {
  name: string;
  type: SourceConfig["type"];
  location: string | null;
  collection: string;
  documents: number;
  lastSync: { at: string; ok: boolean } | null;
  lastError: { at: string; error: string | null } | null;
}

/**
 * Each configured source with its document count and its last sync (and last failure), read from the
 * index and its sync log: what `docent sources` prints and Slack's Home tab shows, from any process.
 */
export async function readSourceStatuses(index: KnowledgeIndex, sources: SourceConfig[]): Promise<SourceStatus[]> {
  const table = await index.table();
  const counts = new Map<string, number>();
  for (const { source } of table ? await listDocuments(table) : []) counts.set(source, (counts.get(source) ?? 0) + 1);
  // Without a chunks table no sync ever committed, so there is no log worth opening (or creating) either.
  const runs = table ? await createSyncLog(index.connection).latest() : new Map();
  return sources.map((source) => {
    const run = runs.get(source.name);
    return {
      name: source.name,
      type: source.type,
      location: source.path ?? source.url ?? (source.type === "sharepoint" ? [...(source.sites ?? []), ...(source.drives ?? [])].join(", ") : null),
      collection: source.collection,
      documents: counts.get(source.name) ?? 0,
      lastSync: run ? { at: run.last.at, ok: run.last.ok } : null,
      lastError: run?.lastError ? { at: run.lastError.at, error: run.lastError.error } : null,
    };
  });
}
