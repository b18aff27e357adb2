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
