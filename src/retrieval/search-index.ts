import type { Table } from "@lancedb/lancedb";
import type { Embedder } from "../llm/embedder.ts";
import type { Logger } from "../logger.ts";
import { sqlList } from "../shared/sql-string.ts";
import { readersFilter } from "./readers-filter.ts";
import { loadLanceDb } from "./load-lancedb.ts";
import type { KnowledgeIndex } from "./open-index.ts";
import { fullTextQuery } from "./full-text-query.ts";
import { isLogEntry } from "./log-entry.ts";
import { correctTypos } from "./correct-typos.ts";
import { expandAcronyms } from "./expand-acronyms.ts";
import { readAcronyms } from "./read-acronyms.ts";
import { prepareQuery } from "./prepare-query.ts";
import { withVerbBases } from "../shared/irregular-verbs.ts";
import { withUnitsSpelledOut } from "../shared/units-spelled-out.ts";
import { fuseByRelativeScore } from "./fuse-by-relative-score.ts";
import { rerankByMeaning } from "./rerank-by-meaning.ts";
import { passageBody } from "./passage-body.ts";

export interface SearchHit {
  rank: number;
  /** Full-text: BM25. Hybrid: the relative-score fusion of both searches (fuseByRelativeScore). Higher is better either way. */
  score: number;
  /** BM25 score of this passage (0 when only the vector search found it); the core's relevance gate reads it. */
  textScore: number;
  chunkId: string;
  source: string;
  docId: string;
  /** Position of the passage in its document. */
  chunkIndex: number;
  collection: string;
  title: string;
  url: string | null;
  heading: string | null;
  text: string;
  updatedAt: number;
  /** What its document was ranked by (rankPassages): the same for all of a document's passages. */
  documentScore?: number;
}

export interface SearchOptions {
  k?: number;
  /** Collections the asker may read; null or undefined means all. An empty list finds nothing. */
  collections?: string[] | null;
  /** With an embedder and stored vectors, full-text and vector results are fused. */
  embedder?: Embedder | null;
  /**
   * The principals the answer's audience has (src/shared/principals.ts): only passages whose readers share
   * one of them are found, filtered inside the query so a restricted passage never takes a top-k place.
   * null or undefined: no filter (benchmarks and tools acting for the operator; answers always pass one,
   * see src/core/audience-readers.ts). An empty list finds nothing.
   */
  readers?: string[] | null;
  /**
   * The question's typos are already undone (correctTypos, with the same collections and readers), and
   * these are the words it left unmatched: the search does not look them up again.
   */
  unmatched?: string[];
  /**
   * How many passages each search fetches for the ranking to choose from (at least k; by default ten per
   * passage asked for, at least 50). A document's second passage counts in its score only when it is among
   * them, so the top k depend on it: who must rank as another caller does passes the same number.
   */
  candidates?: number;
  /**
   * Full-text candidates are reordered by this model's sense of their meaning too (rerankByMeaning): how an
   * answer chooses among the passages found when the index holds no vectors of the model. Ignored in hybrid
   * search, which weighs meaning already. A model that fails leaves the order as full-text found it (a warning).
   */
  rerankBy?: Embedder | null;
  logger?: Logger;
}

const COLUMNS = ["id", "source", "docId", "chunkIndex", "collection", "title", "url", "heading", "text", "updatedAt"];

/**
 * Finds the passages that best answer a question, ranked by their document's strength and their own
 * (see rankPassages).
 */
export async function searchIndex(index: KnowledgeIndex, question: string, options: SearchOptions = {}): Promise<SearchHit[]> {
  const k = options.k ?? 5;
  const table = await index.table();
  if (!table || (options.collections && options.collections.length === 0) || (options.readers && options.readers.length === 0)) return [];
  const filter = await readableFilter(table, options);
  if (filter === false) return [];
  const [corrected, acronyms] = await Promise.all([
    options.unmatched ? { text: question, unmatched: options.unmatched } : correctTypos(table, question, filter),
    readAcronyms(table, options),
  ]);
  // Acronyms widen the full-text search only: measured with the local model, the vectors of a question with
  // its acronyms spelt out found passages that held the answer less often.
  const query = prepareQuery(withUnitsSpelledOut(withVerbBases(expandAcronyms(corrected.text, acronyms))));
  if (!query) return [];
  const candidates = Math.max(k, options.candidates ?? Math.max(50, k * 10));
  const hybrid = await searchesHybrid(index, options.embedder);
  let fused: SearchHit[];
  if (hybrid) {
    const [vector] = await options.embedder!.embed([corrected.text]);
    // The two searches are independent: run them side by side.
    const [textHits, vectorHits] = await Promise.all([
      fullTextSearch(table, query, corrected.unmatched, filter, candidates),
      vectorSearch(table, vector!, filter, candidates),
    ]);
    fused = fuseByRelativeScore(textHits, vectorHits);
  } else {
    const textHits = await fullTextSearch(table, query, corrected.unmatched, filter, candidates);
    fused = options.rerankBy
      ? await rerankByMeaning(corrected.text, textHits, options.rerankBy).catch((error: Error) => {
          options.logger?.warn({ err: error.message }, "could not reorder the search's candidates by meaning; kept their full-text order");
          return textHits;
        })
      : textHits;
  }
  return rankPassages(fused, k).map((hit, i) => ({ ...hit, rank: i + 1 }));
}

/**
 * The SQL condition for the passages a search may return: in the given collections, readable by the given
 * principals (null: no condition; false: nothing is readable).
 */
export async function readableFilter(table: Table, options: Pick<SearchOptions, "collections" | "readers">): Promise<string | null | false> {
  const readable = options.readers ? await readersFilter(table, options.readers) : null;
  if (readable === false) return false;
  return [options.collections ? `collection IN ${sqlList(options.collections)}` : null, readable].filter(Boolean).join(" AND ") || null;
}

/** Search is hybrid only over vectors of the embedder's own model; otherwise it stays full-text. */
export async function searchesHybrid(index: KnowledgeIndex, embedder: Embedder | null | undefined): Promise<boolean> {
  return Boolean(embedder) && (await index.embeddingModel()) === embedder!.model;
}

async function fullTextSearch(table: Table, query: string, unmatched: string[], filter: string | null, limit: number): Promise<SearchHit[]> {
  let builder = table
    .search(await fullTextQuery(query, unmatched), "fts")
    .select([...COLUMNS, "_score"])
    .limit(limit);
  if (filter) builder = builder.where(filter);
  const rows = await builder.toArray();
  return withLogEntriesWeighed(rows.map((row) => toHit(row, Number(row._score), Number(row._score))));
}

/**
 * A log's entries (isLogEntry: meeting notes by date) count half: years of notes mention every topic in passing
 * and, long as they are, match most questions somewhere, ahead of the page that says what holds. Measured on a
 * wiki of 964 pages, a third of whose passages are dated notes (Kubernetes' community repository): hit@5 / MRR
 * 0.893 / 0.796 → 0.929 / 0.844, first citation relevant 23 → 24 of 28, one more of 6 unanswerable questions
 * declined (at a quarter, the same); none of the answers of twelve sets is in a dated section.
 */
const LOG_ENTRY_WEIGHT = 0.5;

/** Hits come best first; re-sorting them is a pass over them when no log entry moved (the sort is stable). */
function withLogEntriesWeighed(hits: SearchHit[]): SearchHit[] {
  return hits
    .map((hit) => (isLogEntry(hit) ? { ...hit, score: hit.score * LOG_ENTRY_WEIGHT, textScore: hit.textScore * LOG_ENTRY_WEIGHT } : hit))
    .sort((a, b) => b.score - a.score);
}

async function vectorSearch(table: Table, vector: number[], filter: string | null, limit: number): Promise<SearchHit[]> {
  const passagesOnly = `chunkIndex >= 0${filter ? ` AND ${filter}` : ""}`;
  const builder = table
    .query()
    .nearestTo(vector)
    .distanceType("cosine")
    .where(passagesOnly)
    .select([...COLUMNS, "_distance"])
    .limit(limit);
  const rows = await builder.toArray();
  return withLogEntriesWeighed(rows.map((row) => toHit(row, 1 - Number(row._distance), 0)));
}

function toHit(row: Record<string, unknown>, score: number, textScore: number): SearchHit {
  return {
    rank: 0,
    score,
    textScore,
    chunkId: String(row.id),
    source: String(row.source),
    docId: String(row.docId),
    chunkIndex: Number(row.chunkIndex),
    collection: String(row.collection),
    title: String(row.title),
    url: (row.url as string | null) ?? null,
    heading: (row.heading as string | null) ?? null,
    text: String(row.text),
    updatedAt: Number(row.updatedAt),
  };
}

/**
 * Orders passages by their document first: a document's score is its best passage plus up to half its
 * second best (a page that matches in two places is usually the page about the topic, where a single
 * strong match is often a passing mention), and each passage takes its document's score in proportion to
 * its own. So a dominant document's second and third passages, which on a long page often hold the answer,
 * come before weak pages, and a document's weak passages never crowd out a good page. Discounting a
 * document's further passages to give other documents a turn put the passage holding the answer in the top
 * 5 less often on both one-page-per-topic and long-document corpora (docs/answer-quality.md), and leaves
 * the order of documents as it is.
 *
 * The second passage counts by how well it matches next to the best passage of any page (square root of
 * the ratio): a long page that touches every question (benefits, say) has a weak second match for most of
 * them, and with the full half it outranked the short page that answers with one strong passage.
 */
export function rankPassages(hits: SearchHit[], k: number): SearchHit[] {
  const top = hits.reduce((max, hit) => (Number.isFinite(hit.score) ? Math.max(max, hit.score) : max), 0);
  const ranked = groupByDocument(withoutCopies(hits)).flatMap((list) => {
    const best = list[0]!.score;
    const second = list[1]?.score ?? 0;
    const documentScore = best + (second > 0 ? 0.5 * second * Math.sqrt(second / top) : 0);
    // Fused scores reach 0 (each search's weakest candidate): such a document comes last, never NaN.
    return list.map((hit) => ({ hit, documentScore, order: best > 0 ? documentScore * (hit.score / best) : 0 }));
  });
  return ranked
    .sort((a, b) => b.order - a.order)
    .slice(0, k)
    .map(({ hit, documentScore }) => ({ ...hit, documentScore }));
}

/** Hits grouped by document, documents in order of their first hit, hits in their given order. */
export function groupByDocument(hits: SearchHit[]): SearchHit[][] {
  const groups = new Map<string, SearchHit[]>();
  for (const hit of hits) groups.set(hit.docId, [...(groups.get(hit.docId) ?? []), hit]);
  return [...groups.values()];
}

/** A line or two ("All full-time employees.") says what it means under its heading, not as a copy. */
const MIN_COPY_CHARS = 200;

/**
 * Hits with a passage copied onto several pages kept once, where it scored best: wikis repeat a policy's
 * paragraph on every page that mentions it, and the copies would fill the places of other pages.
 */
function withoutCopies(hits: SearchHit[]): SearchHit[] {
  const seen = new Set<string>();
  return hits.filter((hit) => {
    // Compared as written (headings aside): copies are copied exactly, and normalizing every candidate's text
    // costs each search time for nothing.
    const body = passageBody(hit.text);
    if (body.length < MIN_COPY_CHARS) return true;
    if (seen.has(body)) return false;
    seen.add(body);
    return true;
  });
}
