import type { SourceReader } from "./source-reader.ts";

/**
 * A source reader whose module is imported on first use: a sync of Markdown folders never loads the
 * sitemap crawler's HTML parser or the export reader's unzipper (half a second at every start).
 */
export function lazyReader(location: string, create: () => Promise<SourceReader>): SourceReader {
  let reader: Promise<SourceReader> | undefined;
  let created: SourceReader | undefined;
  const get = () => (reader ??= create().then((made) => (created = made)));
  return {
    location,
    list: async (options) => (await get()).list(options),
    load: async (docId) => (await get()).load(docId),
    // Asked after list(), so the reader exists by then.
    notRead: () => created?.notRead?.() ?? [],
  };
}
