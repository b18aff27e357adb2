import { fileTitle } from "../ingest/file-title.ts";
import type { Citation } from "./types.ts";

/**
 * Sources of one answer that share a title ("Introduction" of the users' and of the operators' guide, a
 * policy and its standard both headed "Wireless Communication Standard") are told apart by the part of
 * their path where they differ: "Introduction (users)", "Wireless Communication Standard (Wireless
 * Communication Policy)", "Leave (2023)". A part that is only an id (a Confluence page's number) tells the
 * asker nothing and is not added; nor is one that repeats the title.
 */
export function distinctTitles(citations: Citation[]): Citation[] {
  const byTitle = new Map<string, Set<string>>();
  for (const { title, docId } of citations) {
    const key = titleKey(title);
    byTitle.set(key, (byTitle.get(key) ?? new Set()).add(docId));
  }
  return citations.map((citation) => {
    const docIds = [...(byTitle.get(titleKey(citation.title)) ?? [])];
    if (docIds.length < 2) return citation;
    const qualifier = differingPart(citation.docId, docIds);
    return qualifier && titleKey(qualifier) !== titleKey(citation.title) ? { ...citation, title: `${citation.title} (${qualifier})` } : citation;
  });
}

function titleKey(title: string): string {
  return title.toLowerCase().replace(/\s+/g, " ").trim();
}

/** The last segment of docId's path, counting from its end, that differs from the same segment of the others. */
function differingPart(docId: string, docIds: string[]): string | null {
  const segments = (id: string) => id.split("/").filter(Boolean).reverse();
  const own = segments(docId);
  const others = docIds.filter((id) => id !== docId).map(segments);
  for (const [i, segment] of own.entries()) {
    if (others.some((other) => other[i] !== segment)) {
      const name = fileTitle(segment);
      return /^\d{5,}$/.test(name) ? null : name;
    }
  }
  return null;
}
