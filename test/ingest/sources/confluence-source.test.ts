import { join } from "node:path";
import { Writable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SourceConfig } from "../../../src/config.ts";
import { readerForSource } from "../../../src/ingest/reader-for-source.ts";
import { createLogger, silentLogger, type Logger } from "../../../src/logger.ts";
import { openIndex, type KnowledgeIndex } from "../../../src/retrieval/open-index.ts";
import { searchIndex } from "../../../src/retrieval/search-index.ts";
import { syncSource } from "../../../src/retrieval/sync-source.ts";
import { EVERYONE } from "../../../src/shared/principals.ts";
import { WIKI_SPACES, WIKI_USERS, wikiPages } from "../../helpers/confluence-wiki.ts";
import { tempDir } from "../../helpers/corpus.ts";
import { startFakeConfluence, type FakeConfluence } from "../../helpers/fake-confluence.ts";

const logger = silentLogger();

describe("a confluence source", () => {
  let dir: { path: string; remove: () => Promise<void> };
  let wiki: FakeConfluence;
  let index: KnowledgeIndex;
  let source: SourceConfig;
  let env: Record<string, string>;

  beforeEach(async () => {
    dir = await tempDir();
    // Two results a listing page, so every listing follows `_links.next`.
    wiki = await startFakeConfluence({ spaces: WIKI_SPACES, users: WIKI_USERS, pages: wikiPages(), pageLimit: 2 });
    index = await openIndex(join(dir.path, "db"));
    source = {
      name: "wiki",
      type: "confluence",
      url: wiki.url,
      spaces: ["HR", "LEGAL"],
      collection: "wiki",
      prettyUrls: false,
      everyoneGroups: ["confluence-users"],
    };
    env = { CONFLUENCE_EMAIL: wiki.email, CONFLUENCE_API_TOKEN: wiki.token };
  });
  afterEach(async () => {
    index.close();
    await wiki.close();
    await dir.remove();
  });

  const sync = (log: Logger = logger) =>
    syncSource(index, { name: source.name, collection: source.collection }, readerForSource(source, { dbPath: join(dir.path, "db"), env, logger: log }), {
      logger: log,
    });
  const capturingLogger = () => {
    const lines: { level: number; msg: string; [key: string]: unknown }[] = [];
    const destination = new Writable({ write: (chunk, _e, done) => (lines.push(JSON.parse(String(chunk))), done()) });
    return { lines, log: createLogger({ level: "info", destination }) };
  };
  const readersOf = async (docId: string) => {
    const rows = await (await index.table())!.query().where(`docId = '${docId}'`).select(["readers"]).toArray();
    const sets = new Set(rows.map((row) => JSON.stringify(Array.from(row.readers as Iterable<string>))));
    expect(sets.size).toBe(1);
    return JSON.parse([...sets][0]!) as string[];
  };
  const bodiesListed = () => wiki.requests.filter((r) => r.path.endsWith("/pages") && r.query["body-format"] === "storage").length;

  it("indexes every page of the spaces with its title chain, web link, version date and readers", async () => {
    const summary = await sync();
    expect(summary).toMatchObject({ added: 8, failed: [] });
    expect(wiki.requests.every((r) => r.status === 200)).toBe(true);

    const [hit] = await searchIndex(index, "how many weeks of moonbeam leave", { k: 1, readers: [EVERYONE] });
    expect(hit).toMatchObject({ docId: "101", title: "Parental leave", url: `${wiki.url}/spaces/HR/pages/101/Parental+leave` });
    expect(hit!.heading).toContain("Human Resources › People");
    expect(hit!.updatedAt).toBe(Date.parse("2024-05-01T10:00:00.000Z"));
    // A macro is reduced to its text; its settings are not content.
    expect((await searchIndex(index, "tell your manager eight weeks ahead", { k: 1 }))[0]?.docId).toBe("101");
    expect(await searchIndex(index, "icon true", { k: 3 })).toEqual([]);

    expect(await readersOf("101")).toEqual([EVERYONE]);
    // Restricted to Alice, by her email (looked up: restrictions come without it); the child inherits it.
    expect(await readersOf("102")).toEqual(["user:alice@acme.test"]);
    expect(await readersOf("103")).toEqual(["user:alice@acme.test"]);
    expect(await readersOf("200")).toEqual(["user:alice@acme.test", "user:carol@acme.test"]);
    // The first sync takes bodies with the listing: no page is fetched on its own.
    expect(wiki.requests.filter((r) => /^\/api\/v2\/pages\//.test(r.path))).toEqual([]);
  });

  it("picks up an edit, a move, a delete and a permission-only change, fetching only the edited page's body", async () => {
    await sync();
    wiki.requests.length = 0;
    wiki.bodiesServed.length = 0;

    wiki.edit("101", { body: "<p>Every parent takes twenty-two weeks of moonbeam leave at full pay.</p>" });
    wiki.pages.get("105")!.parentId = "102"; // moved under a restricted page: no new version in Confluence
    wiki.pages.delete("104");
    wiki.restrict("106", { groups: ["hr-team"] }); // restrictions change without a new version either

    const summary = await sync();

    expect(summary).toMatchObject({ added: 0, updated: 3, deleted: 1, unchanged: 4, failed: [] });
    expect(wiki.bodiesServed).toEqual(["101"]);
    expect(bodiesListed()).toBe(0);
    expect((await searchIndex(index, "weeks of moonbeam leave", { k: 1 }))[0]!.text).toContain("twenty-two weeks");
    expect(await readersOf("105")).toEqual(["user:alice@acme.test"]);
    expect((await searchIndex(index, "snack budget", { k: 1 }))[0]!.heading).toContain("People › Salary bands");
    expect(await readersOf("106")).toEqual(["group:hr-team"]);
    expect(await searchIndex(index, "ficus plants", { k: 3 })).toEqual([]);
  });

  it("re-syncs an unchanged site without fetching a body or re-indexing anything", async () => {
    await sync();
    const version = await (await index.table())!.version();
    wiki.requests.length = 0;
    wiki.bodiesServed.length = 0;

    const summary = await sync();

    expect(summary).toMatchObject({ added: 0, updated: 0, deleted: 0, unchanged: 8, chunksWritten: 0 });
    expect(wiki.bodiesServed).toEqual([]);
    // Emails already known are not looked up again.
    expect(wiki.requests.filter((r) => r.path === "/rest/api/user")).toEqual([]);
    expect(await (await index.table())!.version()).toBe(version);
  });

  it("waits out 429s as Retry-After says and still finishes the sync", async () => {
    wiki.throttle(2, 1);
    const started = Date.now();
    const { lines, log } = capturingLogger();

    const summary = await sync(log);

    expect(summary).toMatchObject({ added: 8, failed: [] });
    expect(wiki.requests.filter((r) => r.status === 429)).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(lines.filter((line) => /throttling the sync; waiting 1 s/.test(line.msg))).toHaveLength(2);
    // LEGAL is readable by two people only: the log says why its pages never answer in a channel.
    expect(lines.find((line) => line.space === "LEGAL")?.msg).toMatch(/not readable by everyone/);
    expect(lines.find((line) => line.space === "HR")).toBeUndefined();
    // The credentials never reach the log.
    expect(JSON.stringify(lines)).not.toContain(wiki.token);
  }, 20_000);

  it("fails the sync with a clear message when Confluence refuses the credentials, keeping the previous version and never showing the token", async () => {
    await sync();
    env = { CONFLUENCE_EMAIL: wiki.email, CONFLUENCE_API_TOKEN: "wrong-token-456" };

    const failure = await sync().then(
      () => null,
      (error: Error) => error,
    );

    expect(failure?.message).toMatch(/refused the credentials.*CONFLUENCE_EMAIL and CONFLUENCE_API_TOKEN/);
    expect(failure?.message).not.toContain("wrong-token-456");
    expect((await searchIndex(index, "moonbeam leave", { k: 1 }))[0]?.docId).toBe("101");
  });

  it("keeps a page's previous version when its restriction cannot be read, and its descendants' too, syncing the rest", async () => {
    await sync();
    wiki.restrict("102", undefined); // would open the salary bands to everyone…
    wiki.edit("101", { body: "<p>Every parent takes twenty-four weeks of moonbeam leave.</p>" });
    wiki.breakPath("/rest/api/content/102/restriction/byOperation/read", 404); // …but the change cannot be read

    const summary = await sync();

    expect(summary.failed.map((f) => f.docId).sort()).toEqual(["102", "103"]);
    expect(summary).toMatchObject({ updated: 1 });
    expect(await readersOf("102")).toEqual(["user:alice@acme.test"]);
    expect(await readersOf("103")).toEqual(["user:alice@acme.test"]);
    wiki.restore();
    expect(await sync()).toMatchObject({ updated: 2, failed: [] });
    expect(await readersOf("103")).toEqual([EVERYONE]);
  });

  it('asks for credentials by name when they are missing, and reads them from "emailEnv"/"tokenEnv" when given', async () => {
    env = {};
    await expect(sync()).rejects.toThrow(/set CONFLUENCE_EMAIL and CONFLUENCE_API_TOKEN/);
    source = { ...source, emailEnv: "WIKI_EMAIL", tokenEnv: "WIKI_TOKEN" };
    env = { WIKI_EMAIL: wiki.email, WIKI_TOKEN: wiki.token };
    expect(await sync()).toMatchObject({ added: 8 });
  });

  it('stores every page as readable by everyone with permissions "ignore", without reading any permission', async () => {
    source = { ...source, permissions: "ignore" };
    await sync();
    expect(await readersOf("102")).toEqual([EVERYONE]);
    expect(await readersOf("200")).toEqual([EVERYONE]);
    expect(wiki.requests.filter((r) => r.path.includes("restriction") || r.path.endsWith("/permissions"))).toEqual([]);
  });
});
