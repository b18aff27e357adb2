import type { DocumentOwner } from "../shared/document-owner.ts";

/**
 * What a loader makes of one file: Markdown-ish text ready for the heading-aware splitter,
 * plus the metadata a citation needs. Loaders never decide docId or collection; the source walker does.
 */
export interface LoadedContent {
  /** Title from the document's own metadata (front matter, <title>, PDF info or a PDF's first-page title), else null. */
  title: string | null;
  /** An absolute URL the document declares for itself (front matter `url`/`permalink`, canonical link), else null. */
  url: string | null;
  /** Body as Markdown: headings as `#` lines so the splitter can follow them; plain paragraphs otherwise. */
  markdown: string;
  /** Extra search terms the author attached (front matter `keywords`, `tags`, `description`), joined by spaces. */
  keywords: string;
  /**
   * Who may read the document (principals from src/shared/principals.ts), for sources that know
   * (Confluence, SharePoint). Absent: everyone in the organization, as for folders, sitemaps and git.
   */
  readers?: string[];
  /** Who answers for the document, from its own metadata (Markdown front matter `owner:`); absent: the source's owner, if any. */
  owner?: DocumentOwner;
  /**
   * Why a document with pages yields no text to search (a PDF that is a scan, or whose fonts have no
   * Unicode map): said to whoever syncs, since no question will ever find it.
   */
  unreadable?: string;
}

export type Loader = (bytes: Buffer, fileName: string) => Promise<LoadedContent>;
