import type { FullTextQuery, Occur } from "@lancedb/lancedb";
import { stem } from "../shared/content-terms.ts";
import { loadLanceDb } from "./load-lancedb.ts";

/**
 * The full-text query for a prepared question (prepareQuery). A mistyped name that no English word near it
 * stands for (correctTypos' `unmatched`: "PhptSorm") is searched as the index's own words within two edits.
 */
export async function fullTextQuery(query: string, unmatched: string[]): Promise<FullTextQuery> {
  const { MatchQuery, BooleanQuery, Occur } = await loadLanceDb();
  if (unmatched.length === 0) return new MatchQuery(query, "searchText");
  const exact = query.split(" ").filter((word) => word && !unmatched.includes(word));
  return new BooleanQuery([
    ...(exact.length ? [[Occur.Should, new MatchQuery(exact.join(" "), "searchText")] as [Occur, FullTextQuery]] : []),
    ...unmatched.map((word) => {
      // The index holds stems and a fuzzy term is matched as given, so it is stemmed here the way the index stems.
      const root = stem(word);
      const fuzzy = new MatchQuery(root, "searchText", { fuzziness: root.length >= 5 ? 2 : 1, prefixLength: 1, maxExpansions: 10 });
      return [Occur.Should, fuzzy] as [Occur, FullTextQuery];
    }),
  ]);
}
