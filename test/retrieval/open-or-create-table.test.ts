import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Field, Float64, Schema, Utf8 } from "../../src/retrieval/arrow.ts";
import { loadLanceDb } from "../../src/retrieval/load-lancedb.ts";
import { appendRows, openOrCreateTable } from "../../src/retrieval/open-or-create-table.ts";
import { tempDir } from "../helpers/corpus.ts";

const schema = new Schema([new Field("key", new Utf8(), false), new Field("at", new Float64(), false)]);

describe("a bookkeeping table written by two replicas", () => {
  let dir: { path: string; remove: () => Promise<void> };
  beforeEach(async () => (dir = await tempDir()));
  afterEach(() => dir.remove());

  it("keeps a row appended on the table's first version after the other replica's creation landed as an overwrite", async () => {
    const lancedb = await loadLanceDb();
    const [first, second] = [await lancedb.connect(join(dir.path, "db")), await lancedb.connect(join(dir.path, "db"))];
    const table = await openOrCreateTable(first, "feedback", schema);
    // What the other replica's create commits when both saw no table yet.
    await second.createEmptyTable("feedback", schema, { mode: "overwrite" });
    await expect(table.add([{ key: "plain add", at: 1 }])).rejects.toThrow(/incompatible with concurrent transaction Overwrite/i);
    await appendRows(table, [{ key: "U1:a1", at: 2 }]);
    const rows = await (await second.openTable("feedback")).query().toArray();
    expect(rows.map((row) => row.key)).toEqual(["U1:a1"]);
    first.close();
    second.close();
  });
});
