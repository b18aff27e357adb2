import type { Table } from "@lancedb/lancedb";
import { hasColumn } from "./ensure-chunk-columns.ts";

/** Lower-case acronym → what it stands for, as the knowledge base defines it. */
export type Acronyms = Map<string, string>;

interface Definition {
  acronym: string;
  expansion: string;
  collection: string;
  readers: string[];
}

/**
 * Every definition in a table version, read once (one scan of the passages that define any), and the
 * acronyms of the scopes asked since (a few: one per audience), so a question does not tally them again.
 */
const cache = new WeakMap<Table, { version: number; definitions: Promise<Definition[]>; byScope: Map<string, Acronyms> }>();
/** Scopes kept per table version; past it the tallies start over. */
const MAX_SCOPES = 64;

/**
 * The acronyms defined ("Paid Parental Leave (PPL)", stored with each passage at ingest) in the passages a
 * search may return: in the given collections, readable by the given principals (null: no condition), so a
 * definition in a document the asker may not read never reaches their question. An acronym defined two
 * ways ("IC": Intelligence Community, Incident Commander) stands for the way more passages define it.
 */
export async function readAcronyms(table: Table, scope: { collections?: string[] | null; readers?: string[] | null }): Promise<Acronyms> {
  const entry = await cached(table);
  const key = JSON.stringify([scope.collections ?? null, scope.readers ?? null]);
  const known = entry.byScope.get(key);
  if (known) return known;
  const acronyms = tally(await entry.definitions, scope);
  if (entry.byScope.size >= MAX_SCOPES) entry.byScope.clear();
  entry.byScope.set(key, acronyms);
  return acronyms;
}

function tally(definitions: Definition[], scope: { collections?: string[] | null; readers?: string[] | null }): Acronyms {
  const counts = new Map<string, Map<string, number>>();
  for (const { acronym, expansion, collection, readers } of definitions) {
    if (scope.collections && !scope.collections.includes(collection)) continue;
    if (scope.readers && !readers.some((reader) => scope.readers!.includes(reader))) continue;
    const ways = counts.get(acronym.toLowerCase()) ?? new Map<string, number>();
    counts.set(acronym.toLowerCase(), ways);
    ways.set(expansion, (ways.get(expansion) ?? 0) + 1);
  }
  return new Map([...counts].map(([acronym, ways]) => [acronym, [...ways].reduce((best, way) => (way[1] > best[1] ? way : best))[0]]));
}

async function cached(table: Table): Promise<{ definitions: Promise<Definition[]>; byScope: Map<string, Acronyms> }> {
  const version = await table.version();
  const known = cache.get(table);
  if (known?.version === version) return known;
  const entry = { version, definitions: readDefinitions(table), byScope: new Map<string, Acronyms>() };
  cache.set(table, entry);
  entry.definitions.catch(() => cache.delete(table));
  return entry;
}

async function readDefinitions(table: Table): Promise<Definition[]> {
  if (!(await hasColumn(table, "acronyms"))) return [];
  const rows = await table.query().where("acronyms IS NOT NULL").select(["acronyms", "collection", "readers"]).toArray();
  return rows.flatMap((row) => {
    const readers = Array.from((row.readers as Iterable<string> | null) ?? []).map(String);
    return (JSON.parse(String(row.acronyms)) as [string, string][]).map(([acronym, expansion]) => ({
      acronym,
      expansion,
      collection: String(row.collection),
      readers,
    }));
  });
}
