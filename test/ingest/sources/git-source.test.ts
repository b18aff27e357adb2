import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SourceConfig } from "../../../src/config.ts";
import { readerForSource } from "../../../src/ingest/reader-for-source.ts";
import { silentLogger } from "../../../src/logger.ts";
import { openIndex, type KnowledgeIndex } from "../../../src/retrieval/open-index.ts";
import { searchIndex } from "../../../src/retrieval/search-index.ts";
import { syncSource } from "../../../src/retrieval/sync-source.ts";
import { tempDir } from "../../helpers/corpus.ts";

const logger = silentLogger();
const run = promisify(execFile);

/** A repository of documents that the test commits to, at chosen times. */
async function createRepository(path: string) {
  await mkdir(path, { recursive: true });
  const git = (args: string[], env: Record<string, string> = {}) =>
    run("git", args, {
      cwd: path,
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: "Ana",
        GIT_AUTHOR_EMAIL: "ana@example.com",
        GIT_COMMITTER_NAME: "Ana",
        GIT_COMMITTER_EMAIL: "ana@example.com",
        ...env,
      },
    });
  await git(["init", "--quiet", "--initial-branch=main"]);
  return {
    path,
    git,
    async write(file: string, text: string) {
      await mkdir(dirname(join(path, file)), { recursive: true });
      await writeFile(join(path, file), text);
    },
    remove: (file: string) => rm(join(path, file)),
    /** Commits everything at `date` (ISO), which becomes the changed files' updatedAt. */
    async commit(message: string, date: string) {
      await git(["add", "--all"]);
      await git(["commit", "--quiet", "-m", message], { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
    },
  };
}

describe("a git source", () => {
  let dir: { path: string; remove: () => Promise<void> };
  let repo: Awaited<ReturnType<typeof createRepository>>;
  let index: KnowledgeIndex;
  let source: SourceConfig;

  beforeEach(async () => {
    dir = await tempDir();
    repo = await createRepository(join(dir.path, "handbook"));
    await repo.write("README.md", "# Handbook repository\n\nHow to contribute to the handbook.\n");
    await repo.write("src/build.js", "console.log('builds the site');\n");
    await repo.write("docs/leave.md", "---\ntitle: Leave policy\n---\n\nEmployees accrue twenty-five days of walrus leave a year.\n");
    await repo.write("docs/travel.md", "# Travel\n\nTrains for trips under four hours; flights need approval.\n");
    await repo.write("docs/it/laptops.md", "# Laptops\n\nLaptops are replaced every three years.\n");
    await repo.write("docs/it/roadmap.key", "a Keynote deck");
    await repo.commit("First handbook pages", "2024-01-10T09:00:00Z");
    index = await openIndex(join(dir.path, "db"));
    source = {
      name: "handbook",
      type: "git",
      url: repo.path,
      subfolder: "docs",
      urlPattern: "https://github.com/acme/handbook/blob/{branch}/{path}",
      collection: "default",
      prettyUrls: false,
    };
  });
  afterEach(async () => {
    index.close();
    await dir.remove();
  });

  const sync = () =>
    syncSource(
      index,
      { name: source.name, collection: source.collection, baseUrl: source.baseUrl },
      readerForSource(source, { dbPath: join(dir.path, "db") }),
      { logger },
    );
  const top = async (query: string) => (await searchIndex(index, query, { k: 1 }))[0];

  it("clones the repository and indexes the documents of its folder, linked by urlPattern and dated by their last commit", async () => {
    const summary = await sync();

    expect(summary).toMatchObject({ added: 3, failed: [], notRead: ["it/roadmap.key"] });
    expect(existsSync(join(dir.path, "db/cache/handbook/repo/.git"))).toBe(true);
    const leave = await top("walrus leave days");
    expect(leave).toMatchObject({ docId: "leave.md", title: "Leave policy", url: "https://github.com/acme/handbook/blob/main/docs/leave.md" });
    expect(leave!.updatedAt).toBe(Date.parse("2024-01-10T09:00:00Z"));
    expect((await top("laptops replaced"))?.url).toBe("https://github.com/acme/handbook/blob/main/docs/it/laptops.md");
    // Outside the configured folder, and not a document: neither is indexed.
    expect(await searchIndex(index, "contribute builds the site", { k: 3 })).toEqual([]);
  });

  it("follows commits that add, change and delete files, touching nothing else", async () => {
    await sync();
    await repo.write("docs/leave.md", "---\ntitle: Leave policy\n---\n\nEmployees accrue thirty days of walrus leave a year.\n");
    await repo.write("docs/benefits.md", "# Benefits\n\nPension contributions are matched up to six percent.\n");
    await repo.remove("docs/travel.md");
    await repo.commit("More leave, benefits, no travel", "2024-02-20T15:30:00Z");

    const summary = await sync();

    expect(summary).toMatchObject({ added: 1, updated: 1, deleted: 1, unchanged: 1, failed: [] });
    const leave = await top("walrus leave days");
    expect(leave!.text).toContain("thirty days");
    expect(leave!.updatedAt).toBe(Date.parse("2024-02-20T15:30:00Z"));
    expect((await top("laptops replaced"))!.updatedAt).toBe(Date.parse("2024-01-10T09:00:00Z"));
    expect((await top("pension contributions matched"))?.url).toBe("https://github.com/acme/handbook/blob/main/docs/benefits.md");
    expect(await searchIndex(index, "trains flights approval", { k: 3 })).toEqual([]);

    expect(await sync()).toMatchObject({ added: 0, updated: 0, deleted: 0, unchanged: 3, chunksWritten: 0 });
  });

  it("follows a history rewritten upstream (a force-push) exactly", async () => {
    await sync();
    await repo.git(["reset", "--hard", "--quiet", "HEAD"]);
    await repo.write("docs/leave.md", "# Leave policy\n\nRewritten: walrus leave is now unlimited.\n");
    await repo.git(["add", "--all"]);
    await repo.git(["commit", "--quiet", "--amend", "-m", "Rewritten"], { GIT_COMMITTER_DATE: "2024-03-01T08:00:00Z" });

    expect(await sync()).toMatchObject({ updated: 1, failed: [] });
    expect((await top("walrus leave"))!.text).toContain("unlimited");
  });

  it("clones over a URL as a blobless partial clone, with the same dates, and keeps up with new commits", async () => {
    // Over file:// git speaks its network protocol, as with a hosted repository; the server allows partial clones.
    await repo.git(["config", "uploadpack.allowFilter", "true"]);
    source = { ...source, url: `file://${repo.path}` };
    expect(await sync()).toMatchObject({ added: 3, failed: [] });
    const clone = join(dir.path, "db/cache/handbook/repo");
    expect((await run("git", ["config", "remote.origin.partialclonefilter"], { cwd: clone })).stdout.trim()).toBe("blob:none");
    expect((await top("walrus leave"))!.updatedAt).toBe(Date.parse("2024-01-10T09:00:00Z"));

    await repo.write("docs/it/laptops.md", "# Laptops\n\nLaptops are replaced every four years.\n");
    await repo.commit("Longer laptop life", "2024-05-05T05:05:05Z");
    expect(await sync()).toMatchObject({ updated: 1, unchanged: 2, failed: [] });
    const laptops = await top("laptops replaced");
    expect(laptops!.text).toContain("four years");
    expect(laptops!.updatedAt).toBe(Date.parse("2024-05-05T05:05:05Z"));
  });

  it("reads the branch it is told to, and puts it in the links", async () => {
    await repo.git(["checkout", "--quiet", "-b", "published"]);
    await repo.write("docs/leave.md", "# Leave policy\n\nPublished: walrus leave is forty days.\n");
    await repo.commit("Publish", "2024-04-01T10:00:00Z");
    await repo.git(["checkout", "--quiet", "main"]);
    source = { ...source, branch: "published" };

    await sync();

    const leave = await top("walrus leave");
    expect(leave!.text).toContain("forty days");
    expect(leave!.url).toBe("https://github.com/acme/handbook/blob/published/docs/leave.md");
  });

  it("links nowhere without a urlPattern, or to the base URL followed by the docId when there is one", async () => {
    source = { ...source, urlPattern: undefined };
    await sync();
    expect((await top("walrus leave"))?.url).toBeNull();

    source = { ...source, baseUrl: "https://handbook.example.com/" };
    expect(await sync()).toMatchObject({ updated: 3 });
    expect((await top("walrus leave"))?.url).toBe("https://handbook.example.com/leave.md");
  });

  it("fails the sync with git's reason when the repository cannot be cloned, and when the folder is missing", async () => {
    source = { ...source, url: join(dir.path, "no-such-repo") };
    await expect(sync()).rejects.toThrow(/git clone failed: .*(does not exist|not a git repository|not appear to be a git repository)/i);
    source = { ...source, url: repo.path, subfolder: "handbook" };
    await expect(sync()).rejects.toThrow(/the folder "handbook" does not exist on branch main/);
  });
});
