import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SourceConfig } from "../../../src/config.ts";
import { readerForSource } from "../../../src/ingest/reader-for-source.ts";
import { sourceCacheDir } from "../../../src/ingest/sources/source-cache-dir.ts";
import { silentLogger } from "../../../src/logger.ts";
import { openIndex, type KnowledgeIndex } from "../../../src/retrieval/open-index.ts";
import { searchIndex } from "../../../src/retrieval/search-index.ts";
import { syncSource } from "../../../src/retrieval/sync-source.ts";
import { syncSources } from "../../../src/retrieval/sync-sources.ts";
import { tempDir } from "../../helpers/corpus.ts";
import { startTestSite, type TestSite } from "./test-site.ts";

const logger = silentLogger();

const LEAVE = {
  title: "Leave policy",
  body: "<p>Every employee accrues twenty-five days of moonbeam leave per calendar year.</p><h2>Carrying over</h2><p>Up to five unused days carry over into the next year.</p>",
  lastmod: "2024-03-01",
};
const TRAVEL = { title: "Travel", body: "<p>Book trains for any trip under four hours; flights need a manager's approval.</p>" };
const LAPTOPS = { title: "Laptops", body: "<p>The IT desk replaces laptops every three years.</p>", validator: "last-modified" as const };

describe("a sitemap source", () => {
  let dir: { path: string; remove: () => Promise<void> };
  let site: TestSite;
  let index: KnowledgeIndex;
  let source: SourceConfig;

  beforeEach(async () => {
    dir = await tempDir();
    site = await startTestSite({
      "/": { title: "Acme Intranet", body: "<p>Welcome to the intranet of Acme.</p>" },
      "/handbook/leave/": LEAVE,
      "/handbook/travel/": TRAVEL,
      "/it/laptops": LAPTOPS,
    });
    index = await openIndex(join(dir.path, "db"));
    source = { name: "intranet", type: "sitemap", url: site.sitemapUrl, collection: "default", prettyUrls: false, timeoutMs: 1000 };
  });
  afterEach(async () => {
    index.close();
    await site.close();
    await dir.remove();
  });

  /** One sync of the source through the real pipeline, its cache kept beside the index as `docent` does. */
  const sync = (options: { full?: boolean } = {}) =>
    syncSource(index, { name: source.name, collection: source.collection }, readerForSource(source, { dbPath: join(dir.path, "db") }), { logger, ...options });
  const pagesFetched = () => site.requests.filter((request) => !request.path.endsWith(".xml") && request.path !== "/robots.txt");

  it("indexes each page's main content under its address, citing the page URL", async () => {
    const summary = await sync();
    expect(summary).toMatchObject({ added: 4, updated: 0, deleted: 0, failed: [] });

    const [hit] = await searchIndex(index, "how many days of moonbeam leave", { k: 1 });
    expect(hit).toMatchObject({ docId: "handbook/leave/", url: `${site.origin}/handbook/leave/`, title: "Leave policy" });
    expect(hit!.updatedAt).toBe(Date.parse("2024-03-01"));
    // The site's banner, menu and footer are on every page; none of them is content.
    expect(await searchIndex(index, "footer privacy notice cookie settings", { k: 5 })).toEqual([]);
    expect(await searchIndex(index, "site banner text", { k: 5 })).toEqual([]);
    // The home page is `/`; a page without a sitemap date takes the server's Last-Modified.
    expect((await searchIndex(index, "welcome intranet", { k: 1 }))[0]).toMatchObject({ docId: "/", url: `${site.origin}/` });
    const [laptops] = await searchIndex(index, "laptops replaced every three years", { k: 1 });
    expect(laptops).toMatchObject({ docId: "it/laptops", url: `${site.origin}/it/laptops` });
    expect(laptops!.updatedAt).toBeGreaterThanOrEqual(Date.parse("2024-01-15T09:00:00Z"));
  });

  it("re-syncs an unchanged site with conditional requests only, and re-indexes nothing", async () => {
    await sync();
    const version = await (await index.table())!.version();
    site.requests.length = 0;

    const summary = await sync();

    expect(summary).toMatchObject({ added: 0, updated: 0, deleted: 0, unchanged: 4, failed: [], chunksWritten: 0 });
    expect(site.requests.length).toBe(7); // robots.txt, the sitemap index, its sitemap, four pages
    expect(site.requests.every((request) => request.conditional && request.status === 304)).toBe(true);
    expect(await (await index.table())!.version()).toBe(version);
  });

  it("follows pages added, changed and removed between syncs", async () => {
    await sync();
    site.pages.set("/handbook/leave/", {
      ...LEAVE,
      body: "<p>Every employee accrues thirty days of moonbeam leave per calendar year.</p>",
      lastmod: "2024-06-01",
    });
    site.pages.set("/handbook/benefits/", { title: "Benefits", body: "<p>The company matches pension contributions up to six percent.</p>" });
    site.pages.delete("/handbook/travel/");
    site.requests.length = 0;

    const summary = await sync();

    expect(summary).toMatchObject({ added: 1, updated: 1, deleted: 1, unchanged: 2, failed: [] });
    const [leave] = await searchIndex(index, "moonbeam leave days", { k: 1 });
    expect(leave!.text).toContain("thirty days");
    expect(leave!.updatedAt).toBe(Date.parse("2024-06-01"));
    expect((await searchIndex(index, "pension contributions", { k: 1 }))[0]?.url).toBe(`${site.origin}/handbook/benefits/`);
    expect(await searchIndex(index, "book trains flights approval", { k: 3 })).toEqual([]);
    // The unchanged pages still cost only a 304 each.
    expect(
      pagesFetched()
        .filter((request) => request.status === 304)
        .map((request) => request.path)
        .sort(),
    ).toEqual(["/", "/it/laptops"]);
  });

  it("does not fetch a page that robots.txt disallows, and forgets it if it was indexed", async () => {
    site.pages.set("/private/salaries/", { title: "Salaries", body: "<p>Confidential salary bands for every grade.</p>" });
    site.robotsTxt = "User-agent: *\nDisallow: /private/\n";
    expect(await sync()).toMatchObject({ added: 4, failed: [] });
    expect(site.requests.some((request) => request.path.startsWith("/private/"))).toBe(false);
    expect(await searchIndex(index, "confidential salary bands", { k: 3 })).toEqual([]);

    site.robotsTxt = "User-agent: DocentBot\nDisallow: /it/\n\nUser-agent: *\nAllow: /\n";
    const summary = await sync();
    expect(summary).toMatchObject({ added: 1, deleted: 1 });
    expect(await searchIndex(index, "laptops replaced", { k: 3 })).toEqual([]);
  });

  it("reports a page slower than the timeout by name, indexes the rest, and keeps the page's last version", async () => {
    site.pages.set("/handbook/slow/", { title: "Expenses", body: "<p>Expense claims are reimbursed within ten working days.</p>" });
    await sync();
    site.pages.set("/handbook/slow/", { title: "Expenses", body: "<p>Expense claims are now reimbursed within five working days.</p>", delayMs: 5000 });
    source = { ...source, timeoutMs: 300 };

    const started = performance.now();
    const summary = await sync();

    expect(summary).toMatchObject({
      added: 0,
      updated: 0,
      unchanged: 4,
      failed: [{ docId: "handbook/slow/", error: expect.stringMatching(/handbook\/slow\/: timed out after 300 ms/) }],
    });
    expect(performance.now() - started).toBeLessThan(4000);
    expect((await searchIndex(index, "expense claims reimbursed", { k: 1 }))[0]?.text).toContain("ten working days");
  });

  it("leaves a new page that times out out of the index, and the sync still succeeds", async () => {
    site.pages.set("/handbook/slow/", { title: "Expenses", body: "<p>Expense claims are reimbursed quickly.</p>", delayMs: 5000 });
    source = { ...source, timeoutMs: 300 };
    const summary = await sync();
    expect(summary).toMatchObject({ added: 4, failed: [{ docId: "handbook/slow/" }] });
    expect(await searchIndex(index, "expense claims reimbursed", { k: 1 })).toEqual([]);
  });

  it("re-indexes pages answering 304 from its cache when the index needs them again (--full)", async () => {
    await sync();
    site.requests.length = 0;
    const summary = await sync({ full: true });
    expect(summary).toMatchObject({ updated: 4, failed: [] });
    expect(pagesFetched().every((request) => request.status === 304)).toBe(true);
    expect((await searchIndex(index, "moonbeam leave", { k: 1 }))[0]?.docId).toBe("handbook/leave/");
  });

  it("keeps the indexed pages when the sitemap cannot be fetched", async () => {
    await sync();
    await site.close();
    await expect(sync()).rejects.toThrow(/robots\.txt could not be read|could not connect/);
    expect((await searchIndex(index, "moonbeam leave", { k: 1 }))[0]?.docId).toBe("handbook/leave/");
  });

  it("indexes only the pages its include and exclude patterns select", async () => {
    source = { ...source, include: ["/handbook/"], exclude: ["**/travel/"] };
    const summary = await sync();
    expect(summary).toMatchObject({ added: 1 });
    expect((await searchIndex(index, "moonbeam leave", { k: 1 }))[0]?.docId).toBe("handbook/leave/");
  });

  it("works through syncSources with the configured sources, like `docent ingest`", async () => {
    const cache = sourceCacheDir(source);
    try {
      const [outcome] = await syncSources(index, [source], { logger });
      expect(outcome).toMatchObject({ source: "intranet", added: 4, failed: [] });
      site.requests.length = 0;
      const [again] = await syncSources(index, [source], { logger });
      expect(again).toMatchObject({ unchanged: 4 });
      expect(site.requests.every((request) => request.conditional)).toBe(true);
    } finally {
      await rm(cache, { recursive: true, force: true });
    }
  });
});
