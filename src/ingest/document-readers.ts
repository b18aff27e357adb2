import { EVERYONE } from "../shared/principals.ts";

/**
 * The readers a document is stored with: absent means everyone (folders, sitemaps, git); otherwise the
 * given principals, trimmed, lower-cased, de-duplicated and sorted, so that the same permissions always
 * hash and compare the same. An empty list stays empty: a page nobody may read is answered to nobody.
 */
export function documentReaders(readers: string[] | undefined): string[] {
  if (readers === undefined) return [EVERYONE];
  return [...new Set(readers.map((reader) => reader.trim().toLowerCase()).filter(Boolean))].sort();
}
