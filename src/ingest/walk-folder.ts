import { readdir } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import picomatch from "picomatch";
import { isUnreadDocument } from "./unread-formats.ts";

export interface WalkOptions {
  /** Whether a file (by its name) is a document the source reads. */
  isDocument: (fileName: string) => boolean;
  include?: string[];
  exclude?: string[];
  /** Hears each file the filters let through that is a document in a format Docent does not read. */
  onUnread?: (docId: string) => void;
}

/**
 * Lists the files under `root` that a source indexes, as docIds (paths relative to the root with `/`),
 * sorted so every run sees the same order. Hidden files and folders (`.git`, `.DS_Store`) are skipped.
 */
export async function walkFolder(root: string, options: WalkOptions): Promise<string[]> {
  const included = options.include?.length ? picomatch(options.include, { dot: false }) : () => true;
  const excluded = options.exclude?.length ? picomatch(options.exclude, { dot: true }) : () => false;
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const docIds: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const docId = relative(root, join(entry.parentPath, entry.name)).split(sep).join("/");
    if (docId.split("/").some((part) => part.startsWith("."))) continue;
    if (!included(docId) || excluded(docId)) continue;
    if (options.isDocument(entry.name)) docIds.push(docId);
    else if (isUnreadDocument(entry.name)) options.onUnread?.(docId);
  }
  return docIds.sort();
}
