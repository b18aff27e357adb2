import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { MarkdownTextSplitter } from "@langchain/textsplitters";
import { silentLogger } from "../src/logger.ts";
import { evaluateRetrieval, readQuestionSet, type EvalReport } from "../src/retrieval/evaluate-retrieval.ts";
import { lancedb, openIndex } from "../src/retrieval/open-index.ts";
import { searchIndex } from "../src/retrieval/search-index.ts";
import { syncSources } from "../src/retrieval/sync-sources.ts";
import { readFolder } from "../src/ingest/read-folder.ts";
import type { Metrics } from "./metrics.ts";

const run = promisify(execFile);
export const CORPUS = resolve(import.meta.dirname, "../../shared/data/corpus-18f-handbook");
export const QUESTIONS = resolve(import.meta.dirname, "../../shared/data/eval-18f-handbook.jsonl");
const SOURCE = { name: "18f", type: "folder" as const, path: CORPUS, include: ["pages/**"], collection: "default", prettyUrls: false };

/** Ingest time and retrieval quality on the 18F handbook, next to the naive pipeline on the same data. */
export async function benchIngestAndQuality(dir: string, metrics: Metrics): Promise<void> {
  const logger = silentLogger();
  const index = await openIndex(join(dir, "18f"));
  let started = performance.now();
  await syncSources(index, [SOURCE], { logger });
  const full = (performance.now() - started) / 1000;
  started = performance.now();
  await syncSources(index, [SOURCE], { logger });
  const resync = (performance.now() - started) / 1000;

  const questions = await readQuestionSet(QUESTIONS);
  const ours = await evaluateRetrieval(questions, 5, async (q) => ({ docIds: (await searchIndex(index, q, { k: 10 })).map((h) => h.docId), declined: false }));
  index.close();
  const naive = await naivePipeline(join(dir, "naive"));

  metrics.add("ingest_18f_full_s", full, "s", 3, "lower", naive.ingestSeconds);
  metrics.add("resync_18f_unchanged_s", resync, "s", 1, "lower");
  metrics.add("hit5_18f", ours.hitAtK, "ratio", 0.92, "higher", naive.report.hitAtK);
  metrics.add("recall5_18f", ours.recallAtK, "ratio", 0.75, "higher", naive.report.recallAtK);
  metrics.add("mrr_18f", ours.mrr, "ratio", 0.8, "higher", naive.report.mrr);
}

/**
 * The baseline the foundation issue names: LangChain's Markdown splitter at 1000/150 characters on the
 * raw files, LanceDB full-text search with default options, the question as typed, chunks as ranked.
 */
async function naivePipeline(dbPath: string): Promise<{ ingestSeconds: number; report: EvalReport }> {
  const started = performance.now();
  const reader = readFolder({ root: CORPUS, include: ["pages/**"], salt: "" });
  const splitter = new MarkdownTextSplitter({ chunkSize: 1000, chunkOverlap: 150 });
  const rows: { docId: string; text: string }[] = [];
  for (const entry of await reader.list()) {
    const raw = await readFile(join(CORPUS, entry.docId), "utf8");
    for (const text of await splitter.splitText(raw)) rows.push({ docId: entry.docId, text });
  }
  const db = await lancedb.connect(dbPath);
  const table = await db.createTable("chunks", rows);
  await table.createIndex("text", { config: lancedb.Index.fts() });
  const ingestSeconds = (performance.now() - started) / 1000;
  const questions = await readQuestionSet(QUESTIONS);
  const report = await evaluateRetrieval(questions, 5, async (q) => {
    const hits = await table.search(q.replace(/[^\p{L}\p{N}\s]/gu, " "), "fts", "text").select(["docId", "_score"]).limit(10).toArray();
    return { docIds: hits.map((h) => String(h.docId)), declined: false };
  });
  db.close();
  return { ingestSeconds, report };
}

/** Search latency and memory at scale run in a process of their own, so its resident memory is the searcher's alone. */
export async function benchSearchAtScale(dir: string, metrics: Metrics, chunks: number): Promise<void> {
  const worker = resolve(import.meta.dirname, "search-scale-worker.ts");
  const runner = resolve(import.meta.dirname, "../bin/run-ts.js");
  const step = async (mode: string) => {
    const { stdout } = await run(process.execPath, [runner, worker, mode, join(dir, "scale"), String(chunks)], {
      maxBuffer: 10 * 1024 * 1024,
      env: { ...process.env, LANCE_CPU_THREADS: "2", LANCEDB_LOG: "error" },
    });
    return JSON.parse(stdout.trim().split("\n").at(-1)!);
  };
  const { buildSeconds } = (await step("build")) as { buildSeconds: number };
  const result = { buildSeconds, ...((await step("search")) as { ftsP50: number; ftsP99: number; hybridP50: number; rssMb: number }) };
  const suffix = chunks === 100_000 ? "100k" : `${Math.round(chunks / 1000)}k`;
  metrics.add(`search_fts_p50_ms_${suffix}`, result.ftsP50, "ms", 10, "lower");
  metrics.add(`search_fts_p99_ms_${suffix}`, result.ftsP99, "ms", 30, "lower");
  metrics.add(`search_hybrid_p50_ms_${suffix}`, result.hybridP50, "ms", 25, "lower");
  metrics.add(`search_rss_mb_${suffix}`, result.rssMb, "MB", 600, "lower");
  metrics.add(`index_build_s_${suffix}`, result.buildSeconds, "s", 120, "lower");
}
