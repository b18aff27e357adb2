import { XMLParser, XMLValidator } from "fast-xml-parser";

export interface SitemapContents {
  /** `<url>` entries of a `<urlset>`: the page and its `<lastmod>` (milliseconds since the epoch) when given. */
  pages: { loc: string; lastmod: number | null }[];
  /** `<sitemap>` entries of a `<sitemapindex>`: further sitemaps to read. */
  sitemaps: string[];
}

const parser = new XMLParser({
  // `<image:loc>` and friends live in other namespaces; without prefixes the sitemap namespace needs no handling.
  removeNSPrefix: true,
  isArray: (name) => name === "url" || name === "sitemap",
  parseTagValue: false,
  ignoreAttributes: true,
  trimValues: true,
});

/**
 * A sitemap (sitemaps.org): a `<urlset>` of pages or a `<sitemapindex>` of sitemaps. The protocol also
 * allows a plain text file of URLs, one a line, which is read as such. Anything else throws.
 */
export function parseSitemap(text: string): SitemapContents {
  const trimmed = text.replace(/^\uFEFF/, "").trim();
  if (!trimmed.startsWith("<")) {
    const lines = trimmed.split(/\r?\n/).map((line) => line.trim());
    const pages = lines.filter((line) => /^https?:\/\/\S+$/i.test(line)).map((loc) => ({ loc, lastmod: null }));
    if (pages.length === 0 && trimmed) throw new Error("is neither an XML sitemap nor a list of URLs");
    return { pages, sitemaps: [] };
  }
  // The parser is lenient; a sitemap cut short must not pass for a shorter list of pages (whose rest would be deleted).
  const valid = XMLValidator.validate(trimmed);
  if (valid !== true) throw new Error(`is not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  let document: Record<string, unknown>;
  try {
    document = parser.parse(trimmed) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`is not well-formed XML: ${(error as Error).message.split("\n")[0]}`);
  }
  const urlset = document.urlset as { url?: unknown[] } | "" | undefined;
  const index = document.sitemapindex as { sitemap?: unknown[] } | "" | undefined;
  if (urlset === undefined && index === undefined) throw new Error("is not a sitemap (no <urlset> or <sitemapindex>)");
  const pages = (urlset ? (urlset.url ?? []) : []).flatMap((entry) => {
    const loc = textOf(entry, "loc");
    return loc ? [{ loc, lastmod: dateOf(textOf(entry, "lastmod")) }] : [];
  });
  const sitemaps = (index ? (index.sitemap ?? []) : []).map((entry) => textOf(entry, "loc")).filter((loc): loc is string => Boolean(loc));
  return { pages, sitemaps };
}

function textOf(entry: unknown, field: string): string | null {
  if (entry === null || typeof entry !== "object") return null;
  const value = (entry as Record<string, unknown>)[field];
  return typeof value === "string" && value.trim() ? value.trim() : null;
}

/** W3C datetime as sitemaps write it (`2024-03-01`, `2024-03-01T10:00:00+00:00`); null when absent or unreadable. */
function dateOf(text: string | null): number | null {
  if (!text) return null;
  const time = Date.parse(text);
  return Number.isFinite(time) ? time : null;
}
