/**
 * `npm run bench`: prints a table and writes bench/results.json (DESIGN). `-- --quick` runs a reduced
 * version for development. Everything talks only to 127.0.0.1.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Metrics } from "./metrics.ts";
import { benchCli } from "./cli-bench.ts";
import { benchConfluence } from "./confluence-bench.ts";
import { benchCore } from "./core-bench.ts";
import { benchLoad } from "./load-bench.ts";
import { benchObjectStore } from "./object-store-bench.ts";
import { benchReplicas } from "./replicas-bench.ts";
import { benchApart, benchSearchAtScale } from "./retrieval-bench.ts";
import { benchSharePoint } from "./sharepoint-bench.ts";
import { benchSitemap } from "./sitemap-bench.ts";
import { benchSlack } from "./slack-bench.ts";
import { benchTeams } from "./teams-bench.ts";

const quick = process.argv.includes("--quick");
const metrics = new Metrics();
const dir = await mkdtemp(join(tmpdir(), "docent-bench-"));
const step = async (name: string, work: () => Promise<void>) => {
  process.stderr.write(`bench: ${name}…\n`);
  const started = performance.now();
  await work();
  process.stderr.write(`bench: ${name} done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
};
try {
  await step("ingest (18F) and answer quality (18F, CivicActions)", () => benchApart("quality", dir, metrics));
  // Embedding both handbooks takes a minute or two: the full run only.
  if (!quick) await step("hybrid retrieval with the local embedding model (18F, CivicActions)", () => benchApart("local-embeddings", dir, metrics));
  await step(`search at ${quick ? "20k" : "100k"} chunks`, () => benchSearchAtScale(dir, metrics, quick ? 20_000 : 100_000));
  await step("the 18F index on S3-compatible storage (Ceph radosgw) against local disk", () => benchObjectStore(dir, metrics));
  await step(`sitemap sync of ${quick ? 100 : 500} local pages`, () => benchSitemap(metrics, quick));
  await step(`SharePoint library of ${quick ? 200 : 1000} files via Graph delta (local fake)`, () => benchSharePoint(metrics, quick));
  await step(`Confluence sync of ${quick ? 200 : 1000} local pages, with permissions`, () => benchConfluence(metrics, quick));
  await step("core overhead per question", () => benchCore(dir, metrics, quick));
  await step("docent command start-up (--help, search, serve until ready)", () => benchCli(dir, metrics, quick));
  await step("Slack: 50 events in flight", () => benchSlack(metrics, quick));
  await step("Teams: 50 activities in flight", () => benchTeams(metrics, quick));
  await step("replicas: answered questions per second, one replica against two on one Redis (model at 500 ms)", () => benchReplicas(dir, metrics, quick));
  await step(`load: ${quick ? 60 : 200} questions at once across Slack and Teams`, () => benchLoad(metrics, quick));
} finally {
  await rm(dir, { recursive: true, force: true });
}
const out = resolve(import.meta.dirname, "results.json");
await writeFile(out, `${JSON.stringify(metrics.toJSON(), null, 2)}\n`);
console.log(metrics.table());
console.log(`\nwritten to ${out}`);
