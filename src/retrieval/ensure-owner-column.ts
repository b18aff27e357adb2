import type { Table } from "@lancedb/lancedb";
import type { Logger } from "../logger.ts";

/** Whether the chunks table stores each document's owner (indexes built before owner routing do not). */
export async function hasOwnerColumn(table: Table): Promise<boolean> {
  return (await table.schema()).fields.some((field) => field.name === "owner");
}

/**
 * Brings an index built before owner routing up to date in place: the new `owner` column is empty for
 * what it already holds. A source that is given an owner re-indexes its documents (the owner is part of
 * their hash), so they get it on the next sync; no re-embedding, no re-reading of unchanged sources.
 * Returns whether the table was migrated.
 */
export async function ensureOwnerColumn(table: Table, logger: Logger): Promise<boolean> {
  if (await hasOwnerColumn(table)) return false;
  await table.addColumns([{ name: "owner", valueSql: "CAST(NULL AS STRING)" }]);
  logger.info("the index predates owner routing: added the owner column (empty for the documents it already holds)");
  return true;
}
