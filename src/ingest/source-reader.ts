import type { LoadedContent } from "./loaded-document.ts";

export interface SourceEntry {
  docId: string;
  /** Hash of what the document is made of; equal hashes between syncs mean nothing to do. */
  contentHash: string;
  /** Last modification, milliseconds since the epoch. */
  updatedAt: number;
}

/** What every kind of source (folder, sitemap, export, git) offers the sync: a cheap listing, then loading on demand. */
export interface SourceReader {
  /** Human-readable location for messages ("./knowledge"). */
  readonly location: string;
  /**
   * Every document, cheaply. A source with slow work here (a first sync reading each file's permissions)
   * reports it through `onProgress`, which the sync shows as its scanning phase.
   */
  list(onProgress?: (done: number, total: number) => void): Promise<SourceEntry[]>;
  load(docId: string): Promise<LoadedContent>;
}

export class SourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SourceError";
  }
}
