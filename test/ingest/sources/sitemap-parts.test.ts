import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { pageDocId } from "../../../src/ingest/sources/page-doc-id.ts";
import { parseSitemap } from "../../../src/ingest/sources/parse-sitemap.ts";
import { readSitemap } from "../../../src/ingest/sources/read-sitemap.ts";
import { urlMatcher } from "../../../src/ingest/sources/url-matcher.ts";
import { tempDir } from "../../helpers/corpus.ts";

describe("reading a sitemap", () => {
  it("lists the pages of a urlset with their dates, and the sitemaps of an index", () => {
    const urlset = parseSitemap(`<?xml version="1.0" encoding="UTF-8"?>
      <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
        <url><loc>https://intranet.example.com/handbook/leave/?tab=a&amp;b=1</loc><lastmod>2024-03-01T10:00:00+00:00</lastmod><image:image><image:loc>https://intranet.example.com/a.png</image:loc></image:image></url>
        <url><loc> https://intranet.example.com/ </loc><lastmod>not a date</lastmod></url>
      </urlset>`);
    expect(urlset.pages).toEqual([
      { loc: "https://intranet.example.com/handbook/leave/?tab=a&b=1", lastmod: Date.parse("2024-03-01T10:00:00Z") },
      { loc: "https://intranet.example.com/", lastmod: null },
    ]);
    const index = parseSitemap(
      `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://x.example/s1.xml</loc></sitemap></sitemapindex>`,
    );
    expect(index).toEqual({ pages: [], sitemaps: ["https://x.example/s1.xml"] });
  });

  it("reads the plain-text form, and refuses what is not a sitemap", () => {
    expect(parseSitemap("https://x.example/a\nhttps://x.example/b\n").pages.map((page) => page.loc)).toEqual(["https://x.example/a", "https://x.example/b"]);
    expect(() => parseSitemap("<html><body>Not found</body></html>")).toThrow(/is not a sitemap/);
    expect(() => parseSitemap("<urlset><url><loc>x</url>")).toThrow(/not well-formed XML/);
  });

  it("names each page by its address relative to the site", () => {
    expect(pageDocId(new URL("https://intranet.example.com/handbook/leave/"))).toBe("handbook/leave/");
    expect(pageDocId(new URL("https://intranet.example.com/search?q=leave"))).toBe("search?q=leave");
    expect(pageDocId(new URL("https://intranet.example.com/"))).toBe("/");
  });

  it("selects pages by URL prefix, path prefix or glob over the docId", () => {
    const page = (path: string) => [new URL(`https://intranet.example.com${path}`), pageDocId(new URL(`https://intranet.example.com${path}`))] as const;
    const handbookNoDrafts = urlMatcher(["https://intranet.example.com/handbook/"], ["**/drafts/**"]);
    expect(handbookNoDrafts(...page("/handbook/leave/"))).toBe(true);
    expect(handbookNoDrafts(...page("/handbook/drafts/new/"))).toBe(false);
    expect(handbookNoDrafts(...page("/news/"))).toBe(false);
    expect(urlMatcher(["/it/"])(...page("/it/laptops"))).toBe(true);
    expect(urlMatcher(["**/*.pdf"])(...page("/policies/leave.pdf"))).toBe(true);
    expect(urlMatcher()(...page("/anything"))).toBe(true);
  });
});

describe("a sitemap source, whatever answers its requests", () => {
  /** A site made of fixed answers, served through the reader's `fetch` option. */
  const fakeFetch = (answers: Record<string, () => Response>): typeof fetch =>
    (async (input: string | URL | Request) => (answers[String(input)] ?? (() => new Response("not found", { status: 404 })))()) as typeof fetch;

  it("refuses a sitemap whose pages are all on another address, rather than deleting every page", async () => {
    const dir = await tempDir();
    const reader = readSitemap({
      sitemapUrl: "http://intranet.example.com/sitemap.xml",
      cacheDir: dir.path,
      salt: "",
      fetch: fakeFetch({
        "http://intranet.example.com/sitemap.xml": () => new Response("<urlset><url><loc>https://intranet.example.com/a</loc></url></urlset>"),
      }),
    });
    await expect(reader.list()).rejects.toThrow(/lists pages on https:\/\/intranet\.example\.com, not on http:\/\/intranet\.example\.com/);
    await dir.remove();
  });

  it("reads a gzipped sitemap and non-HTML pages with their usual loader", async () => {
    const dir = await tempDir();
    const reader = readSitemap({
      sitemapUrl: "https://intranet.example.com/sitemap.xml.gz",
      cacheDir: dir.path,
      salt: "",
      fetch: fakeFetch({
        "https://intranet.example.com/sitemap.xml.gz": () =>
          new Response(gzipSync("https://intranet.example.com/notes.md\n"), { headers: { "content-type": "application/gzip" } }),
        "https://intranet.example.com/notes.md": () =>
          new Response("---\ntitle: Notes\n---\n\n# Notes\n\nQuokkas welcome.\n", { headers: { "content-type": "text/markdown" } }),
      }),
    });
    expect((await reader.list()).map((entry) => entry.docId)).toEqual(["notes.md"]);
    expect(await reader.load("notes.md")).toMatchObject({
      title: "Notes",
      url: "https://intranet.example.com/notes.md",
      markdown: expect.stringContaining("Quokkas welcome."),
    });
    await dir.remove();
  });
});
