import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SourceConfig } from "../../src/config.ts";
import { createLogger, silentLogger } from "../../src/logger.ts";
import { Schema } from "../../src/retrieval/arrow.ts";
import { chunkSchema } from "../../src/retrieval/chunk-schema.ts";
import { CHUNKS_TABLE } from "../../src/retrieval/chunks-table.ts";
import { ensureIndexes } from "../../src/retrieval/ensure-indexes.ts";
import { openIndex, type KnowledgeIndex } from "../../src/retrieval/open-index.ts";
import { readDocumentOwners } from "../../src/retrieval/read-document-owners.ts";
import { searchIndex } from "../../src/retrieval/search-index.ts";
import { syncSources } from "../../src/retrieval/sync-sources.ts";
import { EVERYONE } from "../../src/shared/principals.ts";
import { tempDir } from "../helpers/corpus.ts";

const logger = silentLogger();

describe("document owners in the index", () => {
  let dir: { path: string; remove: () => Promise<void> };
  let index: KnowledgeIndex;
  let docs: string;
  beforeEach(async () => {
    dir = await tempDir();
    docs = join(dir.path, "docs");
    await mkdir(docs);
    await writeFile(join(docs, "leave.md"), "---\nowner: U0LEAVEOWN\n---\n# Leave\n\nParents take sixteen weeks of parental leave.\n");
    await writeFile(join(docs, "travel.md"), "# Travel\n\nBook trains through the travel desk.\n");
    await writeFile(join(docs, "empty.md"), "---\ntitle: Empty\n---\n");
    index = await openIndex(join(dir.path, "db"));
  });
  afterEach(async () => {
    index.close();
    await dir.remove();
  });

  const source = (owner?: SourceConfig["owner"]): SourceConfig => ({ name: "kb", type: "folder", path: docs, collection: "default", prettyUrls: false, owner });

  it("stores the source's owner, the front matter's where it names one, and finds them by docId (empty documents too)", async () => {
    await syncSources(index, [source({ slack: "C0KBTEAM1", teams: "19:kb@thread.tacv2" })], { logger });
    const owners = await readDocumentOwners(index, ["leave.md", "travel.md", "empty.md", "missing.md"]);
    expect(Object.fromEntries(owners)).toEqual({
      // The front matter wins as a whole: the page names its owner, the source's team is not told.
      "leave.md": { slack: "U0LEAVEOWN" },
      "travel.md": { slack: "C0KBTEAM1", teams: "19:kb@thread.tacv2" },
      "empty.md": { slack: "C0KBTEAM1", teams: "19:kb@thread.tacv2" },
    });
  });

  it("re-indexes a source whose owner changed, and leaves documents without one out", async () => {
    await syncSources(index, [source()], { logger });
    expect(Object.fromEntries(await readDocumentOwners(index, ["leave.md", "travel.md"]))).toEqual({ "leave.md": { slack: "U0LEAVEOWN" } });

    const [summary] = await syncSources(index, [source({ slack: "C0KBTEAM1" })], { logger });
    expect(summary).toMatchObject({ updated: 3, unchanged: 0 });
    expect((await readDocumentOwners(index, ["travel.md"])).get("travel.md")).toEqual({ slack: "C0KBTEAM1" });

    const [again] = await syncSources(index, [source({ slack: "C0KBTEAM1" })], { logger });
    expect(again).toMatchObject({ updated: 0, unchanged: 3 });
  });

  it("keeps serving an index built before owners, reads no owner from it, and migrates it in place on the next sync", async () => {
    const current = chunkSchema(null);
    // Older still: before permissions too (no readers either) and before acronyms; the columns are added in the same sync.
    const old = new Schema(
      current.fields.filter((field) => !["owner", "readers", "acronyms"].includes(field.name)),
      current.metadata,
    );
    const row = {
      id: "kb:travel.md#0:abc",
      docId: "travel.md",
      source: "kb",
      collection: "default",
      title: "Travel",
      url: null,
      heading: null,
      text: "Book trains through the travel desk.",
      searchText: "Travel\nBook trains through the travel desk.",
      chunkIndex: 0,
      contentHash: "h1",
      chunkHash: "abc",
      updatedAt: 1_700_000_000_000,
    };
    const table = await index.connection.createTable(CHUNKS_TABLE, [row], { schema: old });
    await ensureIndexes(table, { optimize: false });
    await index.refresh();

    expect((await searchIndex(index, "book trains", { k: 1, readers: [EVERYONE] }))[0]?.docId).toBe("travel.md");
    expect((await readDocumentOwners(index, ["travel.md"])).size).toBe(0);

    const lines: string[] = [];
    const logged = createLogger({ level: "info", destination: new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) }) });
    await mkdir(join(dir.path, "other"));
    await writeFile(join(dir.path, "other/parking.md"), "# Parking\n\nPark in the garage.\n");
    await syncSources(index, [{ ...source({ slack: "C0PARKING" }), name: "other", path: join(dir.path, "other") }], { logger: logged });

    expect(lines.join("")).toMatch(/added the readers column/);
    expect(lines.join("")).toMatch(/added the owner column/);
    expect(lines.join("")).toMatch(/added the acronyms column/);
    // What the old index held stays, without an owner; what the new sync wrote has one.
    expect((await searchIndex(index, "book trains", { k: 1, readers: [EVERYONE] }))[0]?.docId).toBe("travel.md");
    expect(Object.fromEntries(await readDocumentOwners(index, ["travel.md", "parking.md"]))).toEqual({ "parking.md": { slack: "C0PARKING" } });
  });
});
