import { writeFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { silentLogger } from "../../src/logger.ts";
import { isIndexed } from "../../src/retrieval/is-indexed.ts";
import { openIndex } from "../../src/retrieval/open-index.ts";
import { syncSources } from "../../src/retrieval/sync-sources.ts";
import { tempDir } from "../helpers/corpus.ts";

describe("whether the index has a word", () => {
  it("answers from the index as it is now: a word a sync brings in is found, one it takes out is not", async () => {
    const dir = await tempDir();
    const docs = join(dir.path, "docs");
    await mkdir(docs);
    const index = await openIndex(join(dir.path, "db"));
    const sync = () => syncSources(index, [{ name: "docs", type: "folder", path: docs, collection: "default", prettyUrls: false }], { logger: silentLogger() });
    try {
      await writeFile(join(docs, "leave.md"), "# Leave\n\nEveryone gets 25 days of paid leave a year.\n");
      await sync();
      const table = (await index.table())!;
      expect(await isIndexed(table, "sabbatical", null)).toBe(false);
      // Asked twice: the second answer is the remembered one, and the same.
      expect(await isIndexed(table, "leave", null)).toBe(true);
      expect(await isIndexed(table, "leave", null)).toBe(true);

      await writeFile(join(docs, "leave.md"), "# Sabbatical\n\nAfter five years, a sabbatical of four weeks.\n");
      await sync();
      const synced = (await index.table())!;
      expect(await isIndexed(synced, "sabbatical", null)).toBe(true);
      expect(await isIndexed(synced, "everyone", null)).toBe(false);
    } finally {
      index.close();
      await dir.remove();
    }
  });

  it("answers for the passages one audience may read, whatever another was told", async () => {
    const dir = await tempDir();
    const docs = join(dir.path, "docs");
    await mkdir(docs);
    await writeFile(join(docs, "leave.md"), "# Leave\n\nEveryone gets 25 days of paid leave a year.\n");
    const index = await openIndex(join(dir.path, "db"));
    try {
      await syncSources(index, [{ name: "docs", type: "folder", path: docs, collection: "hr", prettyUrls: false }], { logger: silentLogger() });
      const table = (await index.table())!;
      expect(await isIndexed(table, "leave", "collection = 'hr'")).toBe(true);
      expect(await isIndexed(table, "leave", "collection = 'engineering'")).toBe(false);
    } finally {
      index.close();
      await dir.remove();
    }
  });
});
