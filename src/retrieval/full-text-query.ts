import type { FullTextQuery, Occur, Table } from "@lancedb/lancedb";
import { stem } from "../shared/content-terms.ts";
import { correctTypos } from "./correct-typos.ts";
import { loadLanceDb } from "./load-lancedb.ts";
import { isChatty } from "./prepare-query.ts";

/**
 * The full-text query for a prepared question (prepareQuery), its typos undone (correctTypos; a chatty word
 * mistyped, "quetsions", is dropped once recognised). A mistyped name with no English word near it
 * ("PhptSorm") is searched as the index's own words within two edits of it.
 */
export async function fullTextQuery(table: Table, query: string, filter: string | null): Promise<FullTextQuery> {
  const { MatchQuery, BooleanQuery, Occur } = await loadLanceDb();
  const { text, unmatched } = await correctTypos(table, query, filter);
  if (text === query && unmatched.length === 0) return new MatchQuery(query, "searchText");
  const searched = text.split(" ").filter((word) => word && !isChatty(word) && !unmatched.includes(word));
  const exact = searched.length ? new MatchQuery(searched.join(" "), "searchText") : null;
  if (unmatched.length === 0 && exact) return exact;
  return new BooleanQuery([
    ...(exact ? [[Occur.Should, exact] as [Occur, FullTextQuery]] : []),
    ...unmatched.map((word) => {
      // The index holds stems and a fuzzy term is matched as given, so it is stemmed here the way the index stems.
      const root = stem(word);
      const fuzzy = new MatchQuery(root, "searchText", { fuzziness: root.length >= 5 ? 2 : 1, prefixLength: 1, maxExpansions: 10 });
      return [Occur.Should, fuzzy] as [Occur, FullTextQuery];
    }),
  ]);
}
