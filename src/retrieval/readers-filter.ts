import type { Table } from "@lancedb/lancedb";
import { EVERYONE } from "../shared/principals.ts";
import { sqlString } from "../shared/sql-string.ts";
import { hasColumn } from "./ensure-chunk-columns.ts";

/**
 * The SQL condition that keeps the passages one of `principals` may read: a string for the query's
 * `where`, null when nothing needs filtering, false when nothing can match. An index built before
 * permissions (no `readers` column; a read-only replica may see one before the writer migrates it) holds
 * only documents everyone may read.
 */
export async function readersFilter(table: Table, principals: string[]): Promise<string | null | false> {
  const wanted = [...new Set(principals.map((principal) => principal.trim().toLowerCase()).filter(Boolean))];
  if (wanted.length === 0) return false;
  // Asked on every search until the column exists (hasColumn keeps only "present"): a stale "no column"
  // would let a replica's restricted documents through unfiltered once the writer migrates.
  if (!(await hasColumn(table, "readers"))) return wanted.includes(EVERYONE) ? null : false;
  return `array_has_any(readers, make_array(${wanted.map(sqlString).join(", ")}))`;
}
