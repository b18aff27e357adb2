/**
 * Builds (once) and then searches a table of N synthetic passages. Run as two processes by the bench:
 * `build` then `search`, so the search process's peak resident memory is the searcher's alone.
 * Prints one JSON line.
 */
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { ChunkRow } from "../src/ingest/chunk-row.ts";
import { CHUNKS_TABLE } from "../src/retrieval/chunks-table.ts";
import { chunkSchema } from "../src/retrieval/chunk-schema.ts";
import { ensureIndexes } from "../src/retrieval/ensure-indexes.ts";
import { loadLanceDb } from "../src/retrieval/load-lancedb.ts";
import { openIndex } from "../src/retrieval/open-index.ts";
import { searchIndex } from "../src/retrieval/search-index.ts";
import { createHashingEmbedder } from "./hashing-embedder.ts";
import { percentile } from "./metrics.ts";
import { readQuestionSet } from "../src/retrieval/evaluate-retrieval.ts";
import { CORPUS, QUESTIONS } from "./retrieval-bench.ts";

const [mode, dbPath, countArg] = process.argv.slice(2);
const count = Number(countArg);
const embedder = createHashingEmbedder();

/** A seeded generator, so every run searches the same data with the same queries. */
function random(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) % 2 ** 32;
    return seed / 2 ** 32;
  };
}

async function vocabulary(): Promise<string[]> {
  const counts = new Map<string, number>();
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) await walk(join(dir, entry.name));
      else if (entry.name.endsWith(".md"))
        for (const w of (await readFile(join(dir, entry.name), "utf8")).toLowerCase().match(/[a-z]{3,}/g) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
    }
  };
  await walk(join(CORPUS, "pages"));
  return [...counts].sort((a, b) => b[1] - a[1]).map(([w]) => w);
}

/** Words drawn with a Zipf-like skew, as in real text: a few very common, a long tail of rare ones. */
function sampler(words: string[], rand: () => number) {
  return (n: number) => Array.from({ length: n }, () => words[Math.floor(words.length * rand() ** 3)]!).join(" ");
}

async function build() {
  const words = await vocabulary();
  const rand = random(42);
  const sample = sampler(words, rand);
  const index = await openIndex(dbPath!);
  const started = performance.now();
  const table = await index.connection.createEmptyTable(CHUNKS_TABLE, chunkSchema({ model: embedder.model, dimensions: 384 }));
  const batch = 10_000;
  for (let offset = 0; offset < count; offset += batch) {
    const rows: ChunkRow[] = [];
    for (let i = offset; i < Math.min(count, offset + batch); i++) {
      const title = sample(3);
      const heading = sample(2);
      const text = sample(140);
      const searchText = `${title}\n${heading}\n${text}`;
      rows.push({
        id: `synthetic:${i}`,
        docId: `docs/${Math.floor(i / 8)}.md`,
        source: "synthetic",
        collection: i % 10 === 0 ? "restricted" : "default",
        title,
        url: null,
        heading,
        text,
        searchText,
        chunkIndex: i % 8,
        contentHash: "h",
        chunkHash: String(i),
        updatedAt: 0,
        // One passage in twenty is restricted, so the searches below pay for the readers filter as answers do.
        readers: i % 20 === 0 ? ["user:someone@example.com"] : ["everyone"],
        owner: null,
        acronyms: null,
        vector: embedder.embedOne(searchText),
      });
    }
    await table.add(rows as unknown as Record<string, unknown>[]);
  }
  await ensureIndexes(table, { optimize: true });
  console.log(JSON.stringify({ buildSeconds: (performance.now() - started) / 1000 }));
}

async function search() {
  // Queries as employees type them: the 50 questions of the 18F set (the passages share their vocabulary).
  const questions = (await readQuestionSet(QUESTIONS)).map((q) => q.question);
  const queries = Array.from({ length: 200 }, (_, i) => questions[i % questions.length]!);
  const vectors = new Map(queries.map((q) => [q, embedder.embedOne(q)]));
  const precomputed = { model: embedder.model, embed: async (texts: string[]) => texts.map((t) => vectors.get(t) ?? embedder.embedOne(t)) };
  const index = await openIndex(dbPath!);
  // The reference the ratio goal is read against: a plain LanceDB full-text query of the same question on
  // the same table, as anyone would write it first (no filter, no query cleaning, no re-ranking).
  const table = (await index.table())!;
  const lancedb = await loadLanceDb();
  const plain = (q: string) => table.search(new lancedb.MatchQuery(q, "searchText"), "fts").limit(5).toArray();
  const ours = (q: string) => searchIndex(index, q, { k: 5, collections: ["default"], readers: ["everyone"] });
  const hybridSearch = (q: string) => searchIndex(index, q, { k: 5, collections: ["default"], readers: ["everyone"], embedder: precomputed });
  const runs = { fts: ours, raw: plain, hybrid: hybridSearch };
  for (const run of Object.values(runs)) for (const q of queries.slice(0, 20)) await run(q); // warm-up
  // Interleaved, query by query: the machine's load drifts, and a ratio of two blocks measured a minute
  // apart would mostly measure that drift.
  const samples = { fts: [] as number[], raw: [] as number[], hybrid: [] as number[] };
  for (const q of queries) {
    for (const [name, run] of Object.entries(runs) as [keyof typeof runs, (q: string) => Promise<unknown>][]) {
      const started = performance.now();
      await run(q);
      samples[name].push(performance.now() - started);
    }
  }
  const { fts, raw, hybrid } = samples;
  console.log(
    JSON.stringify({
      ftsP50: percentile(fts, 50),
      ftsP99: percentile(fts, 99),
      rawP50: percentile(raw, 50),
      rawP99: percentile(raw, 99),
      hybridP50: percentile(hybrid, 50),
      hybridP99: percentile(hybrid, 99),
      rssMb: process.resourceUsage().maxRSS / 1024,
    }),
  );
}

if (mode === "build") await build();
else if (mode === "search") {
  if (!existsSync(dbPath!)) throw new Error(`no table at ${dbPath}; run build first`);
  await search();
}
