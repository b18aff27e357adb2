import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { sha256 } from "../shared/sha256.ts";
import { loaderFor } from "./loaders/load-document.ts";
import { SourceError, type SourceEntry, type SourceReader } from "./source-reader.ts";
import { mapWithConcurrency } from "./sources/map-with-concurrency.ts";
import { walkFolder } from "./walk-folder.ts";

export interface FolderSourceOptions {
  root: string;
  include?: string[];
  exclude?: string[];
  /** Mixed into every hash, so a change of settings that alters the output re-indexes the documents. */
  salt: string;
}

/** A folder of documents on disk: `docent ingest DIR` and the `folder` source type. */
export function readFolder(options: FolderSourceOptions): SourceReader {
  const { root } = options;
  let notRead: string[] = [];
  return {
    location: root,
    notRead: () => notRead,
    async list(): Promise<SourceEntry[]> {
      const info = await stat(root).catch(() => null);
      if (!info) throw new SourceError(`${root} does not exist`);
      if (!info.isDirectory()) throw new SourceError(`${root} is not a directory`);
      const unread: string[] = [];
      const docIds = await walkFolder(root, {
        isDocument: (name) => loaderFor(name) !== null,
        include: options.include,
        exclude: options.exclude,
        onUnread: (docId) => unread.push(docId),
      });
      notRead = unread.sort();
      // Bounded: a folder of 50,000 files must not open 50,000 files at once.
      return mapWithConcurrency(docIds, 16, async (docId) => {
        const path = join(root, docId);
        const [bytes, fileInfo] = await Promise.all([readFile(path), stat(path)]);
        return { docId, contentHash: sha256(Buffer.concat([Buffer.from(options.salt), bytes])), updatedAt: fileInfo.mtimeMs };
      });
    },
    async load(docId) {
      const loader = loaderFor(docId);
      if (!loader) throw new Error(`no loader for ${docId}`);
      return loader(await readFile(join(root, docId)), docId);
    },
  };
}
