import { execFile, fork } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { MarkdownTextSplitter } from "@langchain/textsplitters";
import { silentLogger } from "../src/logger.ts";
import { evaluateRetrieval, readQuestionSet, type EvalReport } from "../src/retrieval/evaluate-retrieval.ts";
import { loadLanceDb } from "../src/retrieval/load-lancedb.ts";
import { openIndex } from "../src/retrieval/open-index.ts";
import { evaluatePipeline } from "../src/core/evaluate-pipeline.ts";
import { answerQuestion, type CoreDependencies } from "../src/core/answer-question.ts";
import { warmUp } from "../src/core/warm-up.ts";
import { createExtractiveAnswerGenerator } from "../src/llm/extractive-answer-generator.ts";
import { createLocalEmbedder } from "../src/llm/local-embedder.ts";
import { searchIndex } from "../src/retrieval/search-index.ts";
import { loadEnglishWords } from "../src/shared/english-words.ts";
import { syncSources } from "../src/retrieval/sync-sources.ts";
import { readFolder } from "../src/ingest/read-folder.ts";
import { joinPagesByFolder } from "../test/helpers/join-pages-by-folder.ts";
import { withTypo } from "../test/helpers/with-typo.ts";
import { Metrics, percentile, type Metric } from "./metrics.ts";

const run = promisify(execFile);
const DATA = resolve(import.meta.dirname, "../../shared/data");
export const CORPUS = join(DATA, "corpus-18f-handbook");
export const QUESTIONS = join(DATA, "eval-18f-handbook.jsonl");

interface PublicSet {
  /** Suffix of the metric names. */
  name: string;
  corpus: string;
  include: string[];
  questions: string;
}
const CIVICACTIONS = join(DATA, "corpus-civicactions-guidebook");
const SETS: PublicSet[] = [
  { name: "18f", corpus: CORPUS, include: ["pages/**"], questions: QUESTIONS },
  { name: "ca", corpus: CIVICACTIONS, include: ["guidebook/**"], questions: join(DATA, "eval-civicactions-guidebook.jsonl") },
];

/** A public set as the folder source Docent indexes it from. */
function folderSource(set: PublicSet) {
  return { name: set.name, type: "folder" as const, path: set.corpus, include: set.include, collection: "default", prettyUrls: false };
}

/**
 * Ingest time on the 18F handbook, and retrieval and extractive-answer quality on both public sets, next
 * to the naive pipeline on the same data.
 */
async function benchIngestAndQuality(dir: string, metrics: Metrics): Promise<void> {
  const logger = silentLogger();
  const localModel = createLocalEmbedder();
  // The guidebook again as 17 long documents (each folder's pages joined): only its passage figure is read.
  const long = {
    name: "ca_long",
    corpus: await joinPagesByFolder(join(CIVICACTIONS, "guidebook"), join(dir, "ca-long")),
    include: ["**/*.md"],
    questions: SETS[1]!.questions,
  };
  for (const set of [...SETS, long]) {
    const source = folderSource(set);
    const index = await openIndex(join(dir, set.name));
    let started = performance.now();
    await syncSources(index, [source], { logger });
    const full = (performance.now() - started) / 1000;
    started = performance.now();
    await syncSources(index, [source], { logger });
    const resync = (performance.now() - started) / 1000;

    const questions = await readQuestionSet(set.questions);
    // The default without any model configured (createCoreDependencies): searched full-text, the candidates
    // reordered and the quote chosen by meaning with the local model.
    const deps = { index, generator: createExtractiveAnswerGenerator({ embedder: localModel }), rerankBy: localModel, scopes: {}, logger };
    const ours = await evaluatePipeline(questions, deps, { k: 5, collections: null, answers: set !== long });
    // The same questions with a typo in each one's longest word, as people type in chat: what typos cost.
    const typed =
      set === long
        ? null
        : await evaluatePipeline(
            questions.map((q) => ({ ...q, question: withTypo(q.question) })),
            deps,
            { k: 5, collections: null, answers: false },
          );
    if (set.name === "18f") {
      // A whole answer as a server without any model writes it: the search, then the quote chosen by meaning.
      metrics.add("answer_p50_ms_18f", await medianAnswerMs(questions, deps), "ms", 1000, "lower");
    }
    index.close();
    const naive = await naivePipeline(join(dir, `naive-${set.name}`), set);
    if (set === long) {
      metrics.add("answer_in_top5_ca_long", ours.answerInTopK!, "ratio", 0.75, "higher", naive.report.answerInTopK ?? undefined);
      continue;
    }
    const answers = ours.answers!;

    if (set.name === "18f") {
      metrics.add("ingest_18f_full_s", full, "s", 3, "lower", naive.ingestSeconds);
      metrics.add("resync_18f_unchanged_s", resync, "s", 1, "lower");
    }
    metrics.add(`hit5_${set.name}`, ours.hitAtK, "ratio", 0.92, "higher", naive.report.hitAtK);
    metrics.add(`recall5_${set.name}`, ours.recallAtK, "ratio", 0.75, "higher", naive.report.recallAtK);
    metrics.add(`mrr_${set.name}`, ours.mrr, "ratio", set.name === "18f" ? 0.8 : 0.78, "higher", naive.report.mrr);
    if (ours.answerInTopK !== null && set.name === "ca")
      metrics.add(`answer_in_top5_${set.name}`, ours.answerInTopK, "ratio", 0.75, "higher", naive.report.answerInTopK ?? undefined);
    metrics.add(`wrongly_declined_${set.name}`, answers.wronglyDeclined / answers.answerable, "ratio", 0.1, "lower");
    if (answers.unanswerable.questions) metrics.add(`unanswerable_declined_${set.name}`, answers.unanswerable.declined, "questions", 6, "higher");
    metrics.add(`first_cite_relevant_${set.name}`, answers.firstCitationRelevant, "ratio", 0.8, "higher");
    if (answers.holdsAnswer !== null) metrics.add(`holds_answer_${set.name}`, answers.holdsAnswer, "ratio", 0.55, "higher");
    metrics.add(`grounded_${set.name}`, answers.grounded, "ratio", 1, "higher");
    metrics.add(`typo_hit5_ratio_${set.name}`, typed!.hitAtK / ours.hitAtK, "ratio", 0.97, "higher");
    metrics.add(`typo_mrr_ratio_${set.name}`, typed!.mrr / ours.mrr, "ratio", 0.97, "higher");
  }
}

/**
 * Both public sets again with `DOCENT_EMBEDDING_MODEL=local` (hybrid retrieval, extractive answers): what
 * the in-process embedding model adds, and what indexing with it costs.
 */
async function benchLocalEmbeddings(dir: string, metrics: Metrics): Promise<void> {
  const logger = silentLogger();
  const embedder = createLocalEmbedder();
  for (const set of SETS) {
    const source = folderSource(set);
    const index = await openIndex(join(dir, `local-${set.name}`));
    const started = performance.now();
    await syncSources(index, [source], { logger, embedder });
    const questions = await readQuestionSet(set.questions);
    const deps = { index, embedder, generator: createExtractiveAnswerGenerator({ embedder }), scopes: {}, logger };
    if (set.name === "18f") {
      metrics.add("ingest_18f_local_embeddings_s", (performance.now() - started) / 1000, "s", 120, "lower");
      // A question's search, its embedding included: what the asker waits for on top of full-text search.
      // The word list typo correction reads is loaded first, and the index and the model warmed up, as startDocent
      // does for a server: the figures are those of a running server, not of its first question.
      loadEnglishWords();
      await warmUp(deps);
      const times: number[] = [];
      for (const question of questions) {
        const at = performance.now();
        await searchIndex(index, question.question, { k: 5, embedder });
        times.push(performance.now() - at);
      }
      metrics.add("search_local_embeddings_p50_ms_18f", percentile(times, 50), "ms", 50, "lower");
      metrics.add("search_local_embeddings_p99_ms_18f", percentile(times, 99), "ms", 100, "lower");
      // A whole answer: the search, then the quote chosen by meaning, which embeds the sources' sentences.
      metrics.add("answer_local_embeddings_p50_ms_18f", await medianAnswerMs(questions, deps), "ms", 1500, "lower");
    }
    const report = await evaluatePipeline(questions, deps, { k: 5, collections: null, answers: true });
    index.close();
    metrics.add(`hit5_${set.name}_local_embeddings`, report.hitAtK, "ratio", 0.92, "higher");
    metrics.add(`mrr_${set.name}_local_embeddings`, report.mrr, "ratio", set.name === "18f" ? 0.8 : 0.78, "higher");
    metrics.add(`first_cite_relevant_${set.name}_local_embeddings`, report.answers!.firstCitationRelevant, "ratio", 0.8, "higher");
    if (report.answers!.holdsAnswer !== null) metrics.add(`holds_answer_${set.name}_local_embeddings`, report.answers!.holdsAnswer, "ratio", 0.55, "higher");
  }
}

/** The median time of a whole answer to each question, one after another. */
async function medianAnswerMs(questions: readonly { question: string }[], deps: CoreDependencies): Promise<number> {
  const times: number[] = [];
  for (const { question } of questions) {
    const at = performance.now();
    await answerQuestion({ platform: "cli", user: "bench", conversation: "bench", thread: "bench", text: question, history: [] }, deps);
    times.push(performance.now() - at);
  }
  return percentile(times, 50);
}

/**
 * The baseline the foundation issue names: LangChain's Markdown splitter at 1000/150 characters on the
 * raw files, LanceDB full-text search with default options, the question as typed, chunks as ranked.
 */
async function naivePipeline(dbPath: string, set: PublicSet): Promise<{ ingestSeconds: number; report: EvalReport }> {
  const started = performance.now();
  const reader = readFolder({ root: set.corpus, include: set.include, salt: "" });
  const splitter = new MarkdownTextSplitter({ chunkSize: 1000, chunkOverlap: 150 });
  const rows: { docId: string; text: string }[] = [];
  for (const entry of await reader.list()) {
    const raw = await readFile(join(set.corpus, entry.docId), "utf8");
    for (const text of await splitter.splitText(raw)) rows.push({ docId: entry.docId, text });
  }
  const lancedb = await loadLanceDb();
  const db = await lancedb.connect(dbPath);
  const table = await db.createTable("chunks", rows);
  await table.createIndex("text", { config: lancedb.Index.fts() });
  const ingestSeconds = (performance.now() - started) / 1000;
  const questions = await readQuestionSet(set.questions);
  const report = await evaluateRetrieval(questions, 5, async (q) => {
    const hits = await table
      .search(q.replace(/[^\p{L}\p{N}\s]/gu, " "), "fts", "text")
      .select(["docId", "text", "_score"])
      .limit(30)
      .toArray();
    return { docIds: [...new Set(hits.map((h) => String(h.docId)))], declined: false, passages: hits.slice(0, 5).map((h) => String(h.text)) };
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
  const result = {
    buildSeconds,
    ...((await step("search")) as { ftsP50: number; ftsP99: number; rawP50: number; rawP99: number; hybridP50: number; rssMb: number }),
  };
  const suffix = chunks === 100_000 ? "100k" : `${Math.round(chunks / 1000)}k`;
  metrics.add(`search_fts_p50_ms_${suffix}`, result.ftsP50, "ms", 10, "lower");
  metrics.add(`search_fts_p99_ms_${suffix}`, result.ftsP99, "ms", 30, "lower");
  metrics.add(`search_fts_p50_ratio_raw_${suffix}`, result.ftsP50 / result.rawP50, "x", 1.5, "lower");
  metrics.add(`search_fts_p99_ratio_raw_${suffix}`, result.ftsP99 / result.rawP99, "x", 1.5, "lower");
  metrics.add(`search_hybrid_p50_ms_${suffix}`, result.hybridP50, "ms", 25, "lower");
  metrics.add(`search_rss_mb_${suffix}`, result.rssMb, "MB", 600, "lower");
  metrics.add(`index_build_s_${suffix}`, result.buildSeconds, "s", 120, "lower");
}

const APART_FLAG = "--apart";
/** The steps that load the local embedding model. */
const STEPS_APART = { quality: benchIngestAndQuality, "local-embeddings": benchLocalEmbeddings };
type FromApart = { type: "metrics"; metrics: Record<string, Metric> } | { type: "error"; message: string };

/**
 * A step that loads the local model, in a process of its own: the model's memory (ONNX Runtime and the
 * weights, on the embedder's worker thread) would otherwise stay in this one and count in the later steps'
 * memory figures, which measure Docent answering with a chat model, without it.
 */
export async function benchApart(name: keyof typeof STEPS_APART, dir: string, metrics: Metrics): Promise<void> {
  const child = fork(resolve(import.meta.dirname, "../bin/run-ts.js"), [fileURLToPath(import.meta.url), APART_FLAG, name, dir], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const reply = await new Promise<FromApart>((resolveReply, reject) => {
    child.once("message", (message) => resolveReply(message as FromApart));
    child.once("exit", (code) => reject(new Error(`the ${name} bench exited (code ${code})`)));
  });
  if (reply.type === "error") throw new Error(`the ${name} bench failed: ${reply.message}`);
  Object.assign(metrics.metrics, reply.metrics);
}

if (process.argv[2] === APART_FLAG && process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url) && process.send) {
  const measured = new Metrics();
  try {
    await STEPS_APART[process.argv[3] as keyof typeof STEPS_APART](process.argv[4]!, measured);
    process.send({ type: "metrics", metrics: measured.metrics } satisfies FromApart);
  } catch (error) {
    process.send({ type: "error", message: (error as Error).message } satisfies FromApart);
  }
  // The worker thread is unreferenced when idle; letting go of the channel lets the process end.
  process.disconnect();
}
