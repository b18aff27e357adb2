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
  {
    name: "acronyms",
    valueSql: "CAST(NULL AS STRING)",
    note: "the index predates acronyms: added the acronyms column (filled in as documents change, or all at once by `docent ingest --full`)",
  },
];

/**
 * Columns seen on each table handle. Only presence is kept: a replica's handle sees the writer's migration
 * without being reopened, so "missing" is asked again each time, while a column once there stays (a rebuilt
 * table is created with it). The schema read costs more than a filtered search's own work.
 */
const seen = new WeakMap<Table, Set<string>>();

/** Whether the chunks table has a column (an index built before it was added does not). */
export async function hasColumn(table: Table, name: string): Promise<boolean> {
  if (seen.get(table)?.has(name)) return true;
  const present = (await table.schema()).fields.map((field) => field.name);
  seen.set(table, new Set([...(seen.get(table) ?? []), ...present]));
  return present.includes(name);
}

/**
 * Brings an older index up to date in place: the missing columns are added with at most one schema read
 * (none once they are known) and one new table version, with no re-embedding and no re-reading of sources.
 * Returns whether the table changed.
 */
export async function ensureChunkColumns(table: Table, logger: Logger): Promise<boolean> {
  const known = seen.get(table);
  if (LATER_COLUMNS.every((column) => known?.has(column.name))) return false;
  await hasColumn(table, LATER_COLUMNS[0]!.name);
  const missing = LATER_COLUMNS.filter((column) => !seen.get(table)!.has(column.name));
  if (missing.length === 0) return false;
  await table.addColumns(missing.map(({ name, valueSql }) => ({ name, valueSql })));
  for (const column of missing) {
    seen.get(table)!.add(column.name);
    logger.info(column.note);
  }
  return true;
}
