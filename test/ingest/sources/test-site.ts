import { createHash } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/** One page of the test website: served at its path and listed in the sitemap. */
export interface TestPage {
  title: string;
  /** The article's HTML (inside <main>, between the site's banner, menu and footer). */
  body: string;
  /** `<lastmod>` in the sitemap. */
  lastmod?: string;
  /** How the page answers conditional requests: an ETag (default), only Last-Modified, or not at all. */
  validator?: "etag" | "last-modified" | "none";
  /** Answers this late (to test timeouts). */
  delayMs?: number;
}

export interface TestRequest {
  path: string;
  /** Sent If-None-Match or If-Modified-Since. */
  conditional: boolean;
  status: number;
}

export interface TestSite {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  sitemapUrl: string;
  /** Path → page; edit between syncs. */
  pages: Map<string, TestPage>;
  robotsTxt: string;
  /** Every request the site answered, in order. */
  requests: TestRequest[];
  close(): Promise<void>;
}

const LAST_MODIFIED = new Date("2024-01-15T09:00:00Z").toUTCString();

/**
 * A small website on 127.0.0.1 that behaves like a real one: robots.txt, a sitemap index pointing at a
 * sitemap of the pages, pages with a banner, menu and footer around their article, and 304s for requests
 * whose validators still match. Every request is logged, so a test can tell what a sync cost.
 */
export async function startTestSite(pages: Record<string, TestPage> = {}): Promise<TestSite> {
  const site: TestSite = {
    origin: "",
    sitemapUrl: "",
    pages: new Map(Object.entries(pages)),
    robotsTxt: "User-agent: *\nAllow: /\n",
    requests: [],
    close: async () => {},
  };
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    const conditional = Boolean(request.headers["if-none-match"] || request.headers["if-modified-since"]);
    const answer = (status: number, body = "", headers: Record<string, string> = {}) => {
      site.requests.push({ path, conditional, status });
      response.writeHead(status, headers).end(status === 304 ? undefined : body);
    };
    if (path === "/robots.txt") return serveFile(request, answer, site.robotsTxt, "text/plain");
    if (path === "/sitemap.xml") return serveFile(request, answer, sitemapIndex(site), "application/xml");
    if (path === "/sitemap-pages.xml") return serveFile(request, answer, urlset(site), "application/xml");
    const page = site.pages.get(path);
    if (!page) return answer(404, "not found", { "content-type": "text/plain" });
    const respond = () => servePage(request, answer, page);
    if (!page.delayMs) return respond();
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!response.destroyed) respond();
    }, page.delayMs);
    timers.add(timer);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  site.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  site.sitemapUrl = `${site.origin}/sitemap.xml`;
  site.close = async () => {
    for (const timer of timers) clearTimeout(timer);
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return site;
}

/** The HTML of a page as a site's template renders it: chrome around one article. */
export function renderPage(page: TestPage): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${page.title} | Acme Intranet</title></head>
<body>
<header class="site-banner"><a href="/">Acme Intranet</a> <span>Site banner text</span></header>
<nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/handbook/">Handbook</a></li><li><a href="/it/">IT help</a></li></ul></nav>
<main><article><h1>${page.title}</h1>
${page.body}
</article></main>
<footer>© Acme Corporation · Footer privacy notice · Cookie settings</footer>
</body></html>`;
}

type Answer = (status: number, body?: string, headers?: Record<string, string>) => void;

function serveFile(request: IncomingMessage, answer: Answer, body: string, type: string): void {
  const etag = `"${createHash("sha1").update(body).digest("hex").slice(0, 16)}"`;
  if (request.headers["if-none-match"] === etag) return answer(304, "", { etag });
  answer(200, body, { "content-type": `${type}; charset=utf-8`, etag });
}

function servePage(request: IncomingMessage, answer: Answer, page: TestPage): void {
  const html = renderPage(page);
  const validator = page.validator ?? "etag";
  if (validator === "etag") {
    const etag = `"${createHash("sha1").update(html).digest("hex").slice(0, 16)}"`;
    if (request.headers["if-none-match"] === etag) return answer(304, "", { etag });
    return answer(200, html, { "content-type": "text/html; charset=utf-8", etag });
  }
  if (validator === "last-modified") {
    // The page changes only when its text does: its date is a hash of the text, as good as a real clock here.
    const modified = new Date(
      Date.parse(LAST_MODIFIED) + (parseInt(createHash("sha1").update(html).digest("hex").slice(0, 6), 16) % 1_000_000) * 1000,
    ).toUTCString();
    if (request.headers["if-modified-since"] === modified) return answer(304, "", { "last-modified": modified });
    return answer(200, html, { "content-type": "text/html; charset=utf-8", "last-modified": modified });
  }
  answer(200, html, { "content-type": "text/html; charset=utf-8" });
}

function sitemapIndex(site: TestSite): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>${site.origin}/sitemap-pages.xml</loc></sitemap>
</sitemapindex>`;
}

function urlset(site: TestSite): string {
  const urls = [...site.pages].map(
    ([path, page]) => `  <url><loc>${site.origin}${path}</loc>${page.lastmod ? `<lastmod>${page.lastmod}</lastmod>` : ""}</url>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urls.join("\n")}
</urlset>`;
}
