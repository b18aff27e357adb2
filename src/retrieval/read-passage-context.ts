import { sectionReferences } from "../shared/section-references.ts";
import { sqlString } from "../shared/sql-string.ts";
import type { KnowledgeIndex } from "./open-index.ts";
import type { SearchHit } from "./search-index.ts";

/** A stored passage, as the context around retrieved passages is read. */
export interface ContextRow {
  id: string;
  source: string;
  docId: string;
  chunkIndex: number;
  heading: string | null;
  text: string;
}

/**
 * The passages around the retrieved ones that an answer may need, in one read: the chunk after each
 * (withFollowingPassages) and every passage of a page whose retrieved passage points elsewhere in it
 * (withReferencedSections).
 */
export async function readPassageContext(index: KnowledgeIndex, hits: SearchHit[]): Promise<ContextRow[]> {
  const table = hits.length > 0 ? await index.table() : null;
  if (!table) return [];
  const page = (hit: SearchHit) => `source = ${sqlString(hit.source)} AND docId = ${sqlString(hit.docId)}`;
  const pointing = new Map(hits.filter((hit) => sectionReferences(hit.text).length > 0).map((hit) => [page(hit), hit]));
  const wanted = [
    ...[...pointing.keys()].map((where) => `(${where} AND chunkIndex >= 0)`),
    ...hits.filter((hit) => !pointing.has(page(hit))).map((hit) => `(${page(hit)} AND chunkIndex = ${hit.chunkIndex + 1})`),
  ];
  const rows = await table.query().where(wanted.join(" OR ")).select(["id", "source", "docId", "chunkIndex", "heading", "text"]).toArray();
  return rows.map((row) => ({
    id: String(row.id),
    source: String(row.source),
    docId: String(row.docId),
    chunkIndex: Number(row.chunkIndex),
    heading: (row.heading as string | null) ?? null,
    text: String(row.text),
  }));
}
