import type { SourceConfig } from "../config.ts";
import { readFolder } from "./read-folder.ts";
import { SourceError, type SourceReader } from "./source-reader.ts";

/** Bumped whenever loading or splitting changes, so every document is re-indexed once. */
export const PIPELINE_VERSION = "1";

/** The reader for a configured source; settings that change the stored output are part of every hash. */
export function readerForSource(source: SourceConfig): SourceReader {
  const salt = JSON.stringify([PIPELINE_VERSION, source.collection, source.baseUrl ?? null, source.prettyUrls]);
  switch (source.type) {
    case "folder":
      return readFolder({ root: source.path!, include: source.include, exclude: source.exclude, salt });
    default:
      throw new SourceError(`source "${source.name}": type "${source.type}" is not supported yet`);
  }
}
