import type { Table } from "@lancedb/lancedb";
import { hasColumn } from "./ensure-chunk-columns.ts";

/** Lower-case acronym → what it stands for, as the knowledge base defines it. */
export type Acronyms = Map<string, string>;

/** The acronyms each table version defines, for each filter: read once, then looked up on every question. */
const cache = new WeakMap<Table, Map<string, { version: number; acronyms: Promise<Acronyms> }>>();

/**
 * The acronyms the passages a search may return (`filter`) define ("Paid Parental Leave (PPL)", stored with
 * each passage at ingest): a definition in a document the asker may not read never reaches their question.
 * An acronym defined two ways ("IC": Intelligence Community, Incident Commander) stands for the way more
 * passages define it.
 */
export async function readAcronyms(table: Table, filter: string | null): Promise<Acronyms> {
  const version = await table.version();
  const byFilter = cache.get(table) ?? new Map();
  cache.set(table, byFilter);
  const key = filter ?? "";
  const cached = byFilter.get(key);
  if (cached?.version === version) return cached.acronyms;
  const acronyms = read(table, filter);
  byFilter.set(key, { version, acronyms });
  acronyms.catch(() => byFilter.delete(key));
  return acronyms;
}

async function read(table: Table, filter: string | null): Promise<Acronyms> {
  if (!(await hasColumn(table, "acronyms"))) return new Map();
  const rows = await table
    .query()
    .where(`acronyms IS NOT NULL${filter ? ` AND (${filter})` : ""}`)
    .select(["acronyms"])
    .toArray();
  const counts = new Map<string, Map<string, number>>();
  for (const row of rows) {
    for (const [acronym, expansion] of JSON.parse(String(row.acronyms)) as [string, string][]) {
      const ways = counts.get(acronym.toLowerCase()) ?? new Map<string, number>();
      counts.set(acronym.toLowerCase(), ways);
      ways.set(expansion, (ways.get(expansion) ?? 0) + 1);
    }
  }
  return new Map([...counts].map(([acronym, ways]) => [acronym, [...ways].reduce((best, way) => (way[1] > best[1] ? way : best))[0]]));
}
