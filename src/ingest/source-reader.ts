import type { LoadedContent } from "./loaded-document.ts";

export interface SourceEntry {
  docId: string;
  /** Hash of what the document is made of; equal hashes between syncs mean nothing to do. */
  contentHash: string;
  /** Last modification, milliseconds since the epoch. */
  updatedAt: number;
}

export interface ListOptions {
  onProgress?: (done: number, total: number) => void;
}

/** What every kind of source (folder, sitemap, export, git) offers the sync: a cheap listing, then loading on demand. */
export interface SourceReader {
  /** Human-readable location for messages ("./knowledge"). */
  readonly location: string;
  /** `onProgress` hears how far a long listing got (a live source's first sync fetches every page here). */
  list(options?: ListOptions): Promise<SourceEntry[]>;
  load(docId: string): Promise<LoadedContent>;
  /** Documents the last listing found in formats Docent does not read (a folder's `.doc` files), if the source can tell. */
  notRead?(): string[];
}

export class SourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SourceError";
  }
}
