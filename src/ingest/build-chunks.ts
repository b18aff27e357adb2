import { acronymDefinitions } from "../shared/acronym-definitions.ts";
import { sha256 } from "../shared/sha256.ts";
import { MARKER_CHUNK_INDEX, type ChunkRow } from "./chunk-row.ts";
import { documentReaders } from "./document-readers.ts";
import { encodeOwner, type DocumentOwner } from "../shared/document-owner.ts";
import { HEADING_SEPARATOR } from "../shared/heading-path.ts";
import { isHeadingOnly, splitDocument, type SplitOptions } from "./split-document.ts";

export interface DocumentForIndex {
  docId: string;
  source: string;
  collection: string;
  title: string;
  url: string | null;
  keywords: string;
  markdown: string;
  contentHash: string;
  updatedAt: number;
  /** Who may read the document; absent: everyone. */
  readers?: string[];
  /** Who answers for the document; absent: nobody. */
  owner?: DocumentOwner | null;
}

/**
 * Text without the marks no reader sees: a soft hyphen (a word's hyphenation point, "optional\u00adhyphen"),
 * a zero-width space or word joiner, a stray byte order mark. Left in, they split the word for search.
 */
function withoutInvisibleMarks(text: string): string {
  return text.replace(/[\u00ad\u200b\u2060\ufeff]/g, "");
}

/** Splits a loaded document into the rows the index stores (vectors are added later, only where needed). */
export async function buildChunks(doc: DocumentForIndex, options?: SplitOptions): Promise<ChunkRow[]> {
  // A passage of headings alone (a stub page's "# Treasury") says nothing, and its few words made it a top hit
  // for its title's words.
  const passages = (await splitDocument(withoutInvisibleMarks(doc.markdown), options)).filter((passage) => !isHeadingOnly(passage.text));
  if (passages.length === 0) return [documentMarker(doc)];
  const readers = documentReaders(doc.readers);
  return passages.map((passage, chunkIndex) => {
    const heading = withoutTitle(passage.heading, doc.title);
    // Title, heading path and the author's keywords are matched too: employees ask with the words of a
    // page's title far more often than with the words of its third paragraph. The keywords describe the
    // page, not each passage, so only its first passage carries them: on every passage, a leave page's
    // "parental, maternity, jury duty" made its jury-duty section the top hit for "how long is parental leave?".
    const searchText = [doc.title, heading, chunkIndex === 0 ? doc.keywords : "", passage.text].filter(Boolean).join("\n");
    const chunkHash = sha256(searchText).slice(0, 16);
    return {
      id: `${doc.source}:${doc.docId}#${chunkIndex}:${chunkHash}`,
      docId: doc.docId,
      source: doc.source,
      collection: doc.collection,
      title: doc.title,
      url: doc.url,
      heading,
      text: passage.text,
      searchText,
      chunkIndex,
      contentHash: doc.contentHash,
      chunkHash,
      updatedAt: doc.updatedAt,
      readers,
      owner: encodeOwner(doc.owner),
      acronyms: encodeAcronyms(passage.text),
    };
  });
}

/** The passage's acronym definitions, kept where they are written so they come and go with their document. */
function encodeAcronyms(text: string): string | null {
  const found = acronymDefinitions(text);
  return found.length ? JSON.stringify(found.map(({ acronym, expansion }) => [acronym, expansion])) : null;
}

/**
 * A page's H1 usually repeats its title, and a GitBook page's first H2 often repeats it again: as the first
 * steps of every heading path they say nothing.
 */
function withoutTitle(heading: string | null, title: string): string | null {
  if (!heading) return null;
  const parts = heading.split(HEADING_SEPARATOR);
  while (parts.length && parts[0]!.trim().toLowerCase() === title.trim().toLowerCase()) parts.shift();
  return parts.length ? parts.join(HEADING_SEPARATOR) : null;
}

/**
 * A document with no text (a redirect stub, an image-only PDF) still gets one row, which full-text
 * search never matches: it records the content hash, so the next sync knows the document is unchanged.
 */
function documentMarker(doc: DocumentForIndex): ChunkRow {
  return {
    id: `${doc.source}:${doc.docId}#-1`,
    docId: doc.docId,
    source: doc.source,
    collection: doc.collection,
    title: doc.title,
    url: doc.url,
    heading: null,
    text: "",
    searchText: "",
    chunkIndex: MARKER_CHUNK_INDEX,
    contentHash: doc.contentHash,
    chunkHash: "",
    updatedAt: doc.updatedAt,
    readers: documentReaders(doc.readers),
    owner: encodeOwner(doc.owner),
    acronyms: null,
  };
}
