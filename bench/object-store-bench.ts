import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { silentLogger } from "../src/logger.ts";
import { readQuestionSet } from "../src/retrieval/evaluate-retrieval.ts";
import { openIndex, type KnowledgeIndex } from "../src/retrieval/open-index.ts";
import { searchIndex } from "../src/retrieval/search-index.ts";
import { failedOutcomes, syncSources } from "../src/retrieval/sync-sources.ts";
import { objectStoreOptions } from "../src/shared/object-store-options.ts";
import { startCeph } from "../test/helpers/start-ceph.ts";
import { percentile, type Metrics } from "./metrics.ts";
import { CORPUS, QUESTIONS } from "./retrieval-bench.ts";

/**
 * Full-text search over the 18F index on Ceph's S3 gateway against the same index on local disk, question
 * by question, interleaved so the machine's load drifts alike for both. Needs Debian's radosgw.
 */
export async function benchObjectStore(dir: string, metrics: Metrics): Promise<void> {
  if (spawnSync("sh", ["-c", "command -v radosgw"]).status !== 0) {
    process.stderr.write("bench: object storage skipped: radosgw is not installed (apt-get install radosgw ceph-mon ceph-osd uuid-runtime)\n");
    return;
  }
  const store = await startCeph();
  const indexes: KnowledgeIndex[] = [];
  try {
    await store.createBucket("bench");
    const source = { name: "18f", type: "folder" as const, path: CORPUS, include: ["pages/**"], collection: "default", prettyUrls: false };
    const local = await openIndex(join(dir, "object-store-local"));
    const uri = "s3://bench/18f";
    const remote = await openIndex(uri, { storageOptions: objectStoreOptions(uri, store.env) });
    indexes.push(local, remote);
    const started = performance.now();
    const failed = failedOutcomes(await syncSources(remote, [source], { logger: silentLogger() }));
    if (failed.length > 0) throw new Error(`ingest into ${uri} failed: ${failed[0]!.error}`);
    metrics.add("s3_ingest_18f_s", (performance.now() - started) / 1000, "s", 120, "lower");
    await syncSources(local, [source], { logger: silentLogger() });

    const questions = (await readQuestionSet(QUESTIONS)).map((q) => q.question);
    const timings = { local: [] as number[], remote: [] as number[] };
    for (const question of questions) await Promise.all([searchIndex(local, question), searchIndex(remote, question)]); // warm both
    for (let round = 0; round < 3; round++) {
      for (const question of questions) {
        for (const [name, index] of [
          ["local", local],
          ["remote", remote],
        ] as const) {
          const t = performance.now();
          const hits = await searchIndex(index, question);
          if (hits.length === 0) throw new Error(`no results from the ${name} index for "${question}"`);
          timings[name].push(performance.now() - t);
        }
      }
    }
    const [localP50, remoteP50] = [percentile(timings.local, 50), percentile(timings.remote, 50)];
    metrics.add("s3_search_fts_p50_ms_18f", remoteP50, "ms", 50, "lower");
    metrics.add("search_s3_p50_ratio_local", remoteP50 / localP50, "x", 5, "lower", localP50);
  } finally {
    for (const index of indexes) index.close();
    await store.stop();
  }
}
