import type { Table } from "@lancedb/lancedb";
import { type Corrected, correctTypos } from "./correct-typos.ts";
import { expandAcronyms } from "./expand-acronyms.ts";
import { readAcronyms } from "./read-acronyms.ts";

/**
 * A question as it is searched: its typos undone (correctTypos), then its acronyms and what they stand for
 * added (expandAcronyms), both from the passages the search may return (`filter`). Doing it again to the
 * result changes nothing.
 */
export async function searchableQuestion(table: Table, question: string, filter: string | null): Promise<Corrected> {
  const [corrected, acronyms] = await Promise.all([correctTypos(table, question, filter), readAcronyms(table, filter)]);
  return { ...corrected, text: expandAcronyms(corrected.text, acronyms) };
}
