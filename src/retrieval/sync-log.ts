import type { Connection } from "@lancedb/lancedb";
import { Bool, Field, Float64, Int32, Schema, Utf8 } from "./arrow.ts";
import { appendRows, lazyTable } from "./open-or-create-table.ts";
import type { SyncSummary } from "./sync-source.ts";

export interface SyncRun {
  source: string;
  at: string;
  ok: boolean;
  error: string | null;
  added: number;
  updated: number;
  deleted: number;
  unchanged: number;
  failed: number;
  seconds: number;
}

const SYNC_RUNS = "sync_runs";
const schema = new Schema([
  new Field("source", new Utf8(), false),
  new Field("at", new Float64(), false),
  new Field("ok", new Bool(), false),
  new Field("error", new Utf8(), true),
  new Field("added", new Int32(), false),
  new Field("updated", new Int32(), false),
  new Field("deleted", new Int32(), false),
  new Field("unchanged", new Int32(), false),
  new Field("failed", new Int32(), false),
  new Field("seconds", new Float64(), false),
]);

/**
 * Every sync's outcome per source, kept with the index so `docent sources`, `/healthz` and the admin
 * view can say when each source last synced and why it last failed, from any process.
 */
export function createSyncLog(connection: Connection) {
  const table = lazyTable(connection, SYNC_RUNS, schema);
  const open = () => table.open();
  return {
    async record(source: string, outcome: { summary: SyncSummary } | { error: string }): Promise<void> {
      const s = "summary" in outcome ? outcome.summary : null;
      await appendRows(await open(), [
        {
          source,
          at: Date.now(),
          ok: s !== null,
          error: s ? null : (outcome as { error: string }).error,
          added: s?.added ?? 0,
          updated: s?.updated ?? 0,
          deleted: s?.deleted ?? 0,
          unchanged: s?.unchanged ?? 0,
          failed: s?.failed.length ?? 0,
          seconds: s?.seconds ?? 0,
        },
      ]);
    },
    /** The latest run of each source, and its latest failed run. */
    async latest(): Promise<Map<string, { last: SyncRun; lastError: SyncRun | null }>> {
      const t = await open();
      await t.checkoutLatest();
      const rows = (await t.query().toArray()).map(toRun).sort((a, b) => a.at.localeCompare(b.at));
      const latest = new Map<string, { last: SyncRun; lastError: SyncRun | null }>();
      for (const run of rows) latest.set(run.source, { last: run, lastError: run.ok ? (latest.get(run.source)?.lastError ?? null) : run });
      return latest;
    },
  };
}

function toRun(row: Record<string, unknown>): SyncRun {
  return {
    source: String(row.source),
    at: new Date(Number(row.at)).toISOString(),
    ok: Boolean(row.ok),
    error: (row.error as string | null) ?? null,
    added: Number(row.added),
    updated: Number(row.updated),
    deleted: Number(row.deleted),
    unchanged: Number(row.unchanged),
    failed: Number(row.failed),
    seconds: Number(row.seconds),
  };
}

export type SyncLog = ReturnType<typeof createSyncLog>;
