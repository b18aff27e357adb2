import type { LoadedContent } from "../loaded-document.ts";
import type { Validators } from "./fetch-conditionally.ts";
import { readSaltedJson, writeSaltedJson } from "./salted-json-file.ts";

/** A page as last fetched: enough to ask the server "changed since?" and, on a 304, to index it again without fetching. */
export interface CachedPage {
  validators: Validators;
  /** Hash of the extracted content (without the source's salt). */
  digest: string;
  updatedAt: number;
  content: LoadedContent;
}

/** A sitemap or robots.txt as last fetched, kept whole: a 304 must still tell us what it says. */
export interface CachedFile {
  validators: Validators;
  body: string;
}

export interface SitemapCache {
  pages: Map<string, CachedPage>;
  files: Map<string, CachedFile>;
}

/**
 * The cache of one sitemap source, keyed by absolute URL. It belongs to the settings it was made with: a
 * different salt (a new pipeline version, another collection) starts empty, so nothing extracted the old way
 * is reused. A missing or unreadable file is an empty cache: the sync then fetches everything once.
 */
export async function loadSitemapCache(file: string, salt: string): Promise<SitemapCache> {
  const stored = await readSaltedJson<{ pages: Record<string, CachedPage>; files: Record<string, CachedFile> }>(file, salt);
  return { pages: new Map(Object.entries(stored?.pages ?? {})), files: new Map(Object.entries(stored?.files ?? {})) };
}

export async function saveSitemapCache(file: string, salt: string, cache: SitemapCache): Promise<void> {
  await writeSaltedJson(file, salt, { pages: Object.fromEntries(cache.pages), files: Object.fromEntries(cache.files) });
}
