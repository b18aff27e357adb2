import { appendFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SourceConfig } from "../../src/config.ts";
import { silentLogger } from "../../src/logger.ts";
import { openIndex, type KnowledgeIndex } from "../../src/retrieval/open-index.ts";
import { searchIndex } from "../../src/retrieval/search-index.ts";
import { syncSources } from "../../src/retrieval/sync-sources.ts";
import { copyCorpus, tempDir } from "../helpers/corpus.ts";

const logger = silentLogger();

describe("syncing the 18F handbook", () => {
  let dir: { path: string; remove: () => Promise<void> };
  let corpus: string;
  let index: KnowledgeIndex;
  let source: SourceConfig;

  beforeEach(async () => {
    dir = await tempDir();
    corpus = await copyCorpus(dir.path);
    index = await openIndex(join(dir.path, "db"));
    source = { name: "handbook", type: "folder", path: corpus, collection: "default", baseUrl: "https://handbook.example.gov/", prettyUrls: false };
  });
  afterEach(async () => {
    index.close();
    await dir.remove();
  });

  /** Syncs the one source and returns its summary (a failed sync fails the test with its reason). */
  const sync = async () => {
    const [outcome] = await syncSources(index, [source], { logger });
    if (!outcome || "error" in outcome) throw new Error(outcome?.error ?? "no outcome");
    return outcome;
  };

  const chunkIds = async (docId: string) => {
    const table = (await index.table())!;
    const rows = await table.query().where(`docId = '${docId}' AND chunkIndex >= 0`).select(["id"]).toArray();
    return rows.map((row) => String(row.id)).sort();
  };

  it("indexes every page, then does nothing on an unchanged second run", async () => {
    const first = await sync();
    expect(first).toMatchObject({ added: 246, updated: 0, deleted: 0, failed: [] });
    expect(first.chunks).toBeGreaterThan(1000);
    const version = await (await index.table())!.version();

    const second = await sync();
    expect(second).toMatchObject({ added: 0, updated: 0, deleted: 0, unchanged: 246, chunksWritten: 0, chunks: first.chunks });
    expect(await (await index.table())!.version()).toBe(version);
  });

  it("replaces only the chunks of an edited document and forgets a deleted one", async () => {
    await sync();
    const edited = "pages/travel-and-leave/overtime.md";
    const untouched = "pages/tools/zoom.md";
    const deleted = "pages/tools/tock.md";
    const [editedBefore, untouchedBefore] = [await chunkIds(edited), await chunkIds(untouched)];

    await appendFile(join(corpus, edited), "\n\n## Moon leave\n\nEmployees on lunar assignments accrue moondust hours weekly.\n");
    await rm(join(corpus, deleted));
    const summary = await sync();

    expect(summary).toMatchObject({ added: 0, updated: 1, deleted: 1, unchanged: 244 });
    expect(await chunkIds(untouched)).toEqual(untouchedBefore);
    expect(await chunkIds(edited)).not.toEqual(editedBefore);
    expect(await chunkIds(deleted)).toEqual([]);
    const hits = await searchIndex(index, "moondust lunar assignments", { k: 3 });
    expect(hits[0]?.docId).toBe(edited);
  });

  it("stores what a citation needs on every chunk", async () => {
    await sync();
    const [hit] = await searchIndex(index, "paid parental leave", { k: 1 });
    expect(hit).toMatchObject({
      docId: "pages/travel-and-leave/paid-parental-leave.md",
      url: "https://handbook.example.gov/pages/travel-and-leave/paid-parental-leave.md",
    });
    expect(hit!.title).toBeTruthy();
    expect(hit!.text).not.toMatch(/\{%|%\}|\{\{/);
    expect(hit!.updatedAt).toBeGreaterThan(0);
  });

  it("keeps serving the previous version to a reader while a sync runs", async () => {
    await sync();
    const reader = await openIndex(join(dir.path, "db"));
    const before = await searchIndex(reader, "moondust", { k: 3 });
    await writeFile(join(corpus, "pages/moon.md"), "---\ntitle: Moon policy\n---\n\nMoondust allowances are paid monthly.\n");
    await sync();
    expect(await searchIndex(reader, "moondust", { k: 3 })).toEqual(before);
    await reader.refresh();
    expect((await searchIndex(reader, "moondust", { k: 3 }))[0]?.docId).toBe("pages/moon.md");
    reader.close();
  });

  it("warns about a broken document by name and indexes the rest", async () => {
    await writeFile(join(corpus, "pages/broken.md"), "---\ntitle: [unclosed\n---\nbody");
    const summary = await sync();
    expect(summary.added).toBe(246);
    expect(summary.failed).toEqual([{ docId: "pages/broken.md", error: expect.stringMatching(/front matter/i) }]);
  });
});
