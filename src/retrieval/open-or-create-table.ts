import type { Connection, Table } from "@lancedb/lancedb";
import type { Schema } from "./arrow.ts";

/**
 * Opens a small bookkeeping table, creating it (empty) the first time. A folder left without a single
 * committed version by a process killed while creating it is dropped and created again.
 */
export async function openOrCreateTable(connection: Connection, name: string, schema: Schema): Promise<Table> {
  try {
    return await connection.createEmptyTable(name, schema, { mode: "create", existOk: true });
  } catch (error) {
    if (!/was not found|_versions/.test((error as Error).message)) throw error;
    await connection.dropTable(name);
    return connection.createEmptyTable(name, schema, { mode: "create", existOk: true });
  }
}

export interface LazyTable {
  /** Opens (creating it the first time) the table, once; a failed open is tried again next time. */
  open(): Promise<Table>;
  /** Reads never create the table: `docent gaps` and the admin view must not write to an index they only read. */
  exists(): Promise<boolean>;
}

/** A bookkeeping table opened on first use, so a process that never writes to it never creates it. */
export function lazyTable(connection: Connection, name: string, schema: Schema): LazyTable {
  let opened: Promise<Table> | null = null;
  return {
    open() {
      if (!opened) {
        opened = openOrCreateTable(connection, name, schema);
        opened.catch(() => (opened = null));
      }
      return opened;
    },
    exists: async () => opened !== null || (await connection.tableNames()).includes(name),
  };
}

/**
 * Appends rows to a bookkeeping table. Two replicas that create the table at the same moment both commit its
 * creation, the second as an overwrite; an append begun on the first version then fails as incompatible with
 * it, and is made again on the newest version (the overwrite only recreated the empty table).
 */
export async function appendRows(table: Table, rows: Record<string, unknown>[]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await table.add(rows);
      return;
    } catch (error) {
      if (attempt >= 3 || !/incompatible with concurrent transaction Overwrite/i.test((error as Error).message)) throw error;
      await table.checkoutLatest();
    }
  }
}
