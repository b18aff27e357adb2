import type { SourceReader } from "./source-reader.ts";

/**
 * A source reader whose module is imported on first use: a sync of Markdown folders never loads the
 * sitemap crawler's HTML parser or the export reader's unzipper (half a second at every start).
 */
export function lazyReader(location: string, create: () => Promise<SourceReader>): SourceReader {
  let reader: Promise<SourceReader> | undefined;
  const get = () => (reader ??= create());
  return {
    location,
    list: async (options) => (await get()).list(options),
    load: async (docId) => (await get()).load(docId),
  };
}
