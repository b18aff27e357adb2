import { cp, mkdir, readdir, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/logger.ts";
import { listDocuments } from "../../src/retrieval/list-documents.ts";
import { openIndex } from "../../src/retrieval/open-index.ts";
import { syncSources } from "../../src/retrieval/sync-sources.ts";
import { SAMPLE_KNOWLEDGE, tempDir } from "../helpers/corpus.ts";
import { docentInProcess as docent } from "../helpers/docent-in-process.ts";

async function countFiles(folder: string): Promise<number> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith(".md")).length;
}

/**
 * The same folder reached by several paths is one source: `docent ingest` through a symlink, through the
 * real path and through a relative path from another working directory leaves one copy of each document.
 */
describe("one document, one copy", () => {
  let dir: { path: string; remove: () => Promise<void> };
  let real: string;
  let viaLink: string;
  let files: number;
  beforeAll(async () => {
    dir = await tempDir();
    real = join(dir.path, "real", "kb");
    await cp(SAMPLE_KNOWLEDGE, real, { recursive: true });
    // A symlinked parent folder, as with a home directory on another mount or a deploy's `current` link.
    await symlink(join(dir.path, "real"), join(dir.path, "link"));
    viaLink = join(dir.path, "link", "kb");
    await mkdir(join(dir.path, "elsewhere"));
    files = await countFiles(real);
  });
  afterAll(() => dir.remove());

  /** Every passage of the search results, and the documents in the index. */
  const state = async (db: string) => {
    const search = await docent(["search", "how many weeks of parental leave", "--k", "20", "--db", db, "--json"], dir.path);
    expect(search.code, search.stderr).toBe(0);
    const results = JSON.parse(search.stdout).results as { docId: string; heading: string | null; text: string }[];
    const index = await openIndex(db);
    const documents = await listDocuments((await index.table())!);
    index.close();
    return { passages: results.map((r) => `${r.docId} | ${r.heading} | ${r.text}`), documents: documents.length };
  };

  /** The folder's documents are in the index once each, and no passage shows up twice in search. */
  const expectOneCopyOfEach = async (db: string) => {
    const after = await state(db);
    expect(after.documents).toBe(files);
    expect(new Set(after.passages).size).toBe(after.passages.length);
  };

  it("indexes a folder once whether it is given through a symlink, its real path or a relative path", async () => {
    const db = join(dir.path, "db-paths");
    const first = await docent(["ingest", viaLink, "--db", db], dir.path);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(new RegExp(`${files} added`));
    const once = await state(db);
    expect(once.documents).toBe(files);
    expect(once.passages.length).toBeGreaterThan(3);
    expect(new Set(once.passages).size).toBe(once.passages.length);

    for (const [path, cwd] of [
      [real, dir.path],
      ["../real/kb", join(dir.path, "elsewhere")],
      ["../link/kb", join(dir.path, "elsewhere")],
    ] as const) {
      const again = await docent(["ingest", path, "--db", db], cwd);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout, path).toMatch(new RegExp(`all ${files} documents unchanged, nothing to do`));
      const after = await state(db);
      expect(after.documents, path).toBe(files);
      expect(after.passages, path).toEqual(once.passages);
    }
  });

  it("replaces, never duplicates, when the folder is ingested again from where it was moved", async () => {
    const db = join(dir.path, "db-moved");
    expect((await docent(["ingest", real, "--db", db], dir.path)).code).toBe(0);
    const moved = join(dir.path, "moved", "kb");
    await cp(real, moved, { recursive: true });
    const again = await docent(["ingest", moved, "--db", db], dir.path);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(new RegExp(`${files} added.*${files} duplicate copies from other sources removed`));
    await expectOneCopyOfEach(db);
  });

  it("keeps two different documents that only share a path, from two folders in one collection", async () => {
    const db = join(dir.path, "db-two-folders");
    for (const [folder, text] of [
      ["hr", "Holidays are booked in the HR portal."],
      ["it", "Laptops are ordered through the IT desk."],
    ] as const) {
      await mkdir(join(dir.path, folder));
      await writeFile(join(dir.path, folder, "index.md"), `# ${folder.toUpperCase()}\n\n${text}\n`);
      const ingest = await docent(["ingest", join(dir.path, folder), "--db", db], dir.path);
      expect(ingest.stdout, folder).toMatch(/1 added, 0 updated, 0 deleted, 0 unchanged; /);
    }
    // Synced again, each keeps its own: nothing is taken over back and forth.
    for (const folder of ["hr", "it"])
      expect((await docent(["ingest", join(dir.path, folder), "--db", db], dir.path)).stdout).toMatch(/all 1 documents unchanged/);
    const index = await openIndex(db);
    expect(await listDocuments((await index.table())!)).toHaveLength(2);
    index.close();
  });

  it("cleans up an index that already holds the folder twice under two source names", async () => {
    const db = join(dir.path, "db-legacy");
    // What earlier versions wrote: the folder once under the symlinked path and once under the real path.
    const index = await openIndex(db);
    const legacy = (name: string) => ({ name, type: "folder" as const, path: real, collection: "default", prettyUrls: false });
    await syncSources(index, [legacy(viaLink)], { logger: silentLogger() });
    const table = (await index.table())!;
    const copy = await table.query().where(`source = '${viaLink}'`).toArray();
    // `readers` comes back as an Arrow list; written back, it must be a plain array again.
    await table.add(
      copy.map((row) => ({
        ...row,
        readers: Array.from(row.readers as Iterable<string>),
        source: "an-old-name",
        id: String(row.id).replace(viaLink, "an-old-name"),
      })),
    );
    expect((await listDocuments(table)).length).toBe(2 * files);
    index.close();

    const ingest = await docent(["ingest", viaLink, "--db", db], dir.path);
    expect(ingest.code, ingest.stderr).toBe(0);
    expect(ingest.stdout).toMatch(new RegExp(`${files} added.*${files} duplicate copies from other sources removed`));
    await expectOneCopyOfEach(db);

    // A second run finds nothing left to clean.
    const again = await docent(["ingest", real, "--db", db], dir.path);
    expect(again.stdout).toMatch(new RegExp(`all ${files} documents unchanged, nothing to do`));
  });
});
