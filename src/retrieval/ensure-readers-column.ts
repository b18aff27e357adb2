import type { Table } from "@lancedb/lancedb";
import type { Logger } from "../logger.ts";
import { EVERYONE } from "../shared/principals.ts";
import { sqlString } from "../shared/sql-string.ts";

/** Whether the chunks table stores who may read each passage (indexes built before permissions do not). */
export async function hasReadersColumn(table: Table): Promise<boolean> {
  return (await table.schema()).fields.some((field) => field.name === "readers");
}

/**
 * Brings an index built before permissions existed up to date in place: every passage it holds came from
 * a source without permissions, so the new `readers` column is filled with everyone. One schema change,
 * no re-embedding, no re-reading of sources. Returns whether the table was migrated.
 */
export async function ensureReadersColumn(table: Table, logger: Logger): Promise<boolean> {
  if (await hasReadersColumn(table)) return false;
  await table.addColumns([{ name: "readers", valueSql: `make_array(${sqlString(EVERYONE)})` }]);
  logger.info("the index predates document permissions: added the readers column (everyone may read what it already holds)");
  return true;
}
