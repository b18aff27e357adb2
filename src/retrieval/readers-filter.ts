import type { Table } from "@lancedb/lancedb";
import { EVERYONE } from "../shared/principals.ts";
import { sqlString } from "../shared/sql-string.ts";
import { hasColumn } from "./ensure-chunk-columns.ts";

const withReaders = new WeakSet<Table>();

/**
 * The SQL condition that keeps the passages one of `principals` may read: a string for the query's
 * `where`, null when nothing needs filtering, false when nothing can match. An index built before
 * permissions (no `readers` column; a read-only replica may see one before the writer migrates it) holds
 * only documents everyone may read.
 */
export async function readersFilter(table: Table, principals: string[]): Promise<string | null | false> {
  const wanted = [...new Set(principals.map((principal) => principal.trim().toLowerCase()).filter(Boolean))];
  if (wanted.length === 0) return false;
  // Asked on every search until the column exists: a replica's handle sees the writer's migration, and then
  // restricted documents, without being reopened, and a stale "no column" would let them through unfiltered.
  // A column once there stays (a rebuilt table is created with it), so only that answer is kept; the
  // schema read costs more than the filter itself.
  if (!withReaders.has(table)) {
    if (!(await hasColumn(table, "readers"))) return wanted.includes(EVERYONE) ? null : false;
    withReaders.add(table);
  }
  return `array_has_any(readers, make_array(${wanted.map(sqlString).join(", ")}))`;
}
