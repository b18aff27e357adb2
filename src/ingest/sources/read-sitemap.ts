import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { gunzipSync } from "node:zlib";

import robotsParserModule from "robots-parser";
import { sha256 } from "../../shared/sha256.ts";
import type { LoadedContent } from "../loaded-document.ts";
import { decodeText } from "../loaders/decode-text.ts";
import { SourceError, type SourceEntry, type SourceReader } from "../source-reader.ts";
import { extractPage } from "./extract-page.ts";
import { fetchConditionally, type FetchOutcome } from "./fetch-conditionally.ts";
import { mapWithConcurrency } from "./map-with-concurrency.ts";
import { pageDocId } from "./page-doc-id.ts";
import { parseSitemap } from "./parse-sitemap.ts";
import { loadSitemapCache, saveSitemapCache, type CachedFile, type SitemapCache } from "./sitemap-cache.ts";
import { urlMatcher } from "./url-matcher.ts";

/** A sitemap holds at most 50,000 URLs in 50 MB (sitemaps.org); a gzip bomb stops there. */
const MAX_SITEMAP_BYTES = 50 * 2 ** 20;

export interface SitemapSourceOptions {
  /** Address of the site's sitemap.xml, or of a sitemap index. */
  sitemapUrl: string;
  /** URL globs or prefixes (see `urlMatcher`). */
  include?: string[];
  exclude?: string[];
  /** Pages fetched at once (default 4). */
  concurrency?: number;
  /** Per request, body included (default 10 s): a slower page fails alone, the sync goes on. */
  timeoutMs?: number;
  /** Pages indexed at most, in sitemap order (default 5000). */
  maxPages?: number;
  /** Where validators and extracted pages are kept between syncs. */
  cacheDir: string;
  /** Mixed into every hash, so a change of settings that alters the output re-indexes the pages. */
  salt: string;
  /** The product token robots.txt rules are matched against, and the start of the User-Agent header. */
  userAgent?: string;
  fetch?: typeof fetch;
  now?: () => number;
}

export const SITEMAP_DEFAULTS = { concurrency: 4, timeoutMs: 10_000, maxPages: 5000 } as const;

const USER_AGENT = "DocentBot";
const PAGE_ACCEPT = "text/html,application/xhtml+xml;q=0.9,application/pdf;q=0.8,text/markdown;q=0.8,text/plain;q=0.7,*/*;q=0.1";
const SITEMAP_ACCEPT = "application/xml,text/xml;q=0.9,*/*;q=0.1";
const MAX_SITEMAPS = 1000;

// robots-parser is CommonJS with an ES-style declaration: at run time the default import is the function itself.
const robotsParser = robotsParserModule as unknown as (typeof robotsParserModule)["default"];

type PageState = { content: LoadedContent } | { error: string };

/**
 * A website through its sitemap, fetched the way a polite crawler does: robots.txt obeyed (as "DocentBot"),
 * its Crawl-delay too, a few requests at a time, and every request conditional once the page has been seen,
 * so an unchanged re-sync costs one 304 per page and re-indexes nothing.
 *
 * The work happens in `list()`: pages are fetched (or confirmed unchanged) there and reduced to their main
 * content, which is what the content hash is taken of; `load()` hands out what `list()` kept. The
 * validators, hashes and extracted content are kept in `<cacheDir>/sitemap-cache.json`, so that a page
 * answering 304 can still be re-indexed when the index lost it (`--full`, a failed write).
 *
 * A page that fails (timeout, server error, unreadable body) is listed under a hash that matches nothing,
 * so the sync tries to load it and reports it by name, keeping its previous version; a page that answers
 * 404/410, is no longer in the sitemap or is now disallowed by robots.txt is not listed, so it is deleted.
 * A sitemap or robots.txt that cannot be read fails the whole listing: deleting every page because the
 * site was down for a minute would be the worst answer.
 */
export function readSitemap(options: SitemapSourceOptions): SourceReader {
  const agent = options.userAgent ?? USER_AGENT;
  const cacheFile = join(options.cacheDir, "sitemap-cache.json");
  const matches = urlMatcher(options.include, options.exclude);
  const timeoutMs = options.timeoutMs ?? SITEMAP_DEFAULTS.timeoutMs;
  const get: Get = (url, accept, cached) =>
    fetchConditionally(url, { userAgent: `${agent}/1.0`, timeoutMs, accept, validators: cached?.validators, fetch: options.fetch });
  /** What `list()` fetched, for `load()` to hand out. */
  const pages = new Map<string, PageState>();

  return {
    location: options.sitemapUrl,
    async list(): Promise<SourceEntry[]> {
      pages.clear();
      const root = new URL(options.sitemapUrl);
      const cache = await loadSitemapCache(cacheFile, options.salt);
      const next: SitemapCache = { pages: new Map(), files: new Map() };
      const fetchFile: FileFetcher = (url, accept) => fetchFile304Aware(get, url, accept, cache, next);
      const { robots, crawlDelayMs } = await readRobots(root, fetchFile, agent);
      const keep = (url: URL, docId: string) => matches(url, docId) && robots.isAllowed(url.href, agent) !== false;
      const listed = await listSitemapPages(root, fetchFile, keep, options.maxPages ?? SITEMAP_DEFAULTS.maxPages);
      const concurrency = crawlDelayMs > 0 ? 1 : (options.concurrency ?? SITEMAP_DEFAULTS.concurrency);
      const page = { get, cache, next, pages, salt: options.salt, now: options.now ?? Date.now };
      const entries = await mapWithConcurrency([...listed], concurrency, async ([docId, listedPage], i) => {
        if (crawlDelayMs > 0 && i > 0) await sleep(crawlDelayMs);
        return readPage(docId, listedPage, page);
      });
      await saveSitemapCache(cacheFile, options.salt, next);
      return entries.filter((e): e is SourceEntry => e !== null);
    },
    async load(docId) {
      const page = pages.get(docId);
      if (!page) throw new Error(`${docId} is not in the sitemap`);
      if ("error" in page) throw new Error(page.error);
      return page.content;
    },
  };
}

type Get = (url: string, accept: string, cached: { validators: CachedFile["validators"] } | undefined) => Promise<FetchOutcome>;
type FileFetcher = (url: string, accept: string) => Promise<{ body: string } | Exclude<FetchOutcome, { status: "fetched" }>>;
type ListedPage = { url: URL; lastmod: number | null };

/** A sitemap or robots.txt: its text, from the network or (on a 304) from the cache; kept for next time when it has validators. */
async function fetchFile304Aware(get: Get, url: string, accept: string, cache: SitemapCache, next: SitemapCache): ReturnType<FileFetcher> {
  const cached = cache.files.get(url);
  const outcome = await get(url, accept, cached);
  if (outcome.status === "unchanged" && cached) {
    next.files.set(url, cached);
    return { body: cached.body };
  }
  if (outcome.status !== "fetched") return outcome;
  // `sitemap.xml.gz` is served gzipped as a file, not as a Content-Encoding that fetch would undo.
  const bytes = outcome.bytes[0] === 0x1f && outcome.bytes[1] === 0x8b ? gunzipSync(outcome.bytes, { maxOutputLength: MAX_SITEMAP_BYTES }) : outcome.bytes;
  const body = decodeText(bytes);
  if (outcome.validators.etag || outcome.validators.lastModified) next.files.set(url, { validators: outcome.validators, body });
  return { body };
}

/** RFC 9309: a robots.txt that is missing (any 4xx) allows everything; one that cannot be reached allows nothing. */
async function readRobots(root: URL, fetchFile: FileFetcher, agent: string) {
  const robotsUrl = `${root.origin}/robots.txt`;
  const robotsFile = await fetchFile(robotsUrl, "text/plain");
  let robotsTxt = "";
  if ("body" in robotsFile) robotsTxt = robotsFile.body;
  else if (robotsFile.status === "failed" && !(robotsFile.code && robotsFile.code >= 400 && robotsFile.code < 500)) {
    throw new Error(`${robotsUrl} could not be read (${robotsFile.error}), so no page was fetched`);
  }
  const robots = robotsParser(robotsUrl, robotsTxt);
  return { robots, crawlDelayMs: Math.max(0, robots.getCrawlDelay(agent) ?? 0) * 1000 };
}

/**
 * The pages the sitemap lists (following a sitemap index to the sitemaps of its own site), by docId, in
 * sitemap order, at most `maxPages`, those `keep` accepts. A sitemap that cannot be read fails the listing.
 */
async function listSitemapPages(
  root: URL,
  fetchFile: FileFetcher,
  keep: (url: URL, docId: string) => boolean,
  maxPages: number,
): Promise<Map<string, ListedPage>> {
  const listed = new Map<string, ListedPage>();
  let elsewhere: string | null = null;
  const queue = [root.href];
  const seen = new Set(queue);
  while (queue.length > 0) {
    const sitemapUrl = queue.shift()!;
    const contents = await readSitemapFile(sitemapUrl, fetchFile);
    for (const loc of contents.sitemaps) {
      const url = parseUrl(loc, sitemapUrl);
      // The protocol only lets a sitemap index point at sitemaps of its own site.
      if (url?.origin === root.origin && !seen.has(url.href) && seen.size < MAX_SITEMAPS) {
        seen.add(url.href);
        queue.push(url.href);
      }
    }
    for (const page of contents.pages) {
      const url = parseUrl(page.loc, sitemapUrl);
      if (url && url.origin !== root.origin) elsewhere ??= url.origin;
      if (!url || url.origin !== root.origin || listed.size >= maxPages) continue;
      url.hash = "";
      const docId = pageDocId(url);
      if (!listed.has(docId) && keep(url, docId)) listed.set(docId, { url, lastmod: page.lastmod });
    }
  }
  if (listed.size === 0 && elsewhere) {
    // http:// for an https:// site, or the bare domain for www: deleting every page would be the wrong answer.
    throw new SourceError(`the sitemap lists pages on ${elsewhere}, not on ${root.origin}; give "url" on ${elsewhere}`);
  }
  return listed;
}

async function readSitemapFile(sitemapUrl: string, fetchFile: FileFetcher): Promise<ReturnType<typeof parseSitemap>> {
  const file = await fetchFile(sitemapUrl, SITEMAP_ACCEPT);
  if (!("body" in file)) {
    throw new Error(
      `sitemap ${sitemapUrl} ${file.status === "gone" ? `answered HTTP ${file.code}` : `could not be read (${file.status === "failed" ? file.error : "HTTP 304 to nothing cached"})`}`,
    );
  }
  try {
    return parseSitemap(file.body);
  } catch (error) {
    throw new Error(`sitemap ${sitemapUrl} ${(error as Error).message}`);
  }
}

interface PageRun {
  get: Get;
  cache: SitemapCache;
  next: SitemapCache;
  pages: Map<string, PageState>;
  salt: string;
  now: () => number;
}

/**
 * One listed page: fetched (or confirmed unchanged) and reduced to its main content, kept for `load()`.
 * Gone pages are not listed (so they are deleted); a failed one is listed under a hash that matches
 * nothing, so the sync tries to load it, reports it by name and keeps its previous version.
 */
async function readPage(docId: string, { url, lastmod }: ListedPage, run: PageRun): Promise<SourceEntry | null> {
  const href = url.href;
  const cached = run.cache.pages.get(href);
  const entry = (digest: string, updatedAt: number): SourceEntry => ({ docId, contentHash: sha256(`${run.salt}\0${digest}`), updatedAt });
  const outcome = await run.get(href, PAGE_ACCEPT, cached);
  if (outcome.status === "unchanged" && cached) {
    run.next.pages.set(href, cached);
    run.pages.set(docId, { content: cached.content });
    return entry(cached.digest, lastmod ?? cached.updatedAt);
  }
  if (outcome.status === "gone") return null;
  let error: string;
  if (outcome.status === "fetched") {
    try {
      const content = withTitle(await extractPage(outcome.bytes, outcome.contentType, href), url);
      const digest = sha256(JSON.stringify([content.title, content.url, content.markdown, content.keywords]));
      const updatedAt = lastmod ?? outcome.lastModified ?? (cached?.digest === digest ? cached.updatedAt : run.now());
      run.next.pages.set(href, { validators: outcome.validators, digest, updatedAt, content });
      run.pages.set(docId, { content });
      return entry(digest, updatedAt);
    } catch (failure) {
      error = (failure as Error).message;
    }
  } else {
    error = outcome.status === "failed" ? outcome.error : "HTTP 304 to a page never fetched";
  }
  // The old validators stay: a later 304 then still means "as indexed".
  if (cached) run.next.pages.set(href, cached);
  run.pages.set(docId, { error: `${href}: ${error}` });
  return { docId, contentHash: `unavailable:${randomUUID()}`, updatedAt: cached?.updatedAt ?? run.now() };
}

function parseUrl(text: string, base: string): URL | null {
  try {
    const url = new URL(text, base);
    return url.protocol === "http:" || url.protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}

/** The home page's docId (`/`) makes no title; its host name does, when the page has neither title nor heading. */
function withTitle(content: LoadedContent, url: URL): LoadedContent {
  if (content.title || url.pathname !== "/" || /^\s*#/m.test(content.markdown)) return content;
  return { ...content, title: url.hostname };
}
