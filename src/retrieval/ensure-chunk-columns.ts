import type { Table } from "@lancedb/lancedb";
import type { Logger } from "../logger.ts";
import { EVERYONE } from "../shared/principals.ts";
import { sqlString } from "../shared/sql-string.ts";

/**
 * Columns the chunks table gained after indexes were already in use, with what the rows an older index
 * already holds get: they came from sources without permissions (everyone may read them) and without owners.
 */
const LATER_COLUMNS = [
  {
    name: "readers",
    valueSql: `make_array(${sqlString(EVERYONE)})`,
    note: "the index predates document permissions: added the readers column (everyone may read what it already holds)",
  },
  {
    name: "owner",
    valueSql: "CAST(NULL AS STRING)",
    note: "the index predates owner routing: added the owner column (empty for the documents it already holds)",
  },
];

/** Whether the chunks table has a column (an index built before it was added does not). */
export async function hasColumn(table: Table, name: string): Promise<boolean> {
  return (await table.schema()).fields.some((field) => field.name === name);
}

/**
 * Brings an older index up to date in place: the missing columns are added with one schema read and one
 * new table version, with no re-embedding and no re-reading of sources. Returns whether the table changed.
 */
export async function ensureChunkColumns(table: Table, logger: Logger): Promise<boolean> {
  const present = new Set((await table.schema()).fields.map((field) => field.name));
  const missing = LATER_COLUMNS.filter((column) => !present.has(column.name));
  if (missing.length === 0) return false;
  await table.addColumns(missing.map(({ name, valueSql }) => ({ name, valueSql })));
  for (const column of missing) logger.info(column.note);
  return true;
}
