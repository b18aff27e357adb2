import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SourceConfig } from "../src/config.ts";
import { readerForSource } from "../src/ingest/reader-for-source.ts";
import { silentLogger } from "../src/logger.ts";
import { openIndex } from "../src/retrieval/open-index.ts";
import { syncSource, type SyncSummary } from "../src/retrieval/sync-source.ts";
import { startFakeGraph } from "../test/helpers/fake-graph.ts";
import type { Metrics } from "./metrics.ts";

const TOPICS = ["leave", "travel", "expenses", "laptops", "security", "payroll", "benefits", "onboarding", "offices", "training"];

/**
 * A document library of `files` Markdown files in ten folders on a local fake of Microsoft Graph (delta
 * pages of 200, a 302 per download, one permissions request per file), synced through the real pipeline:
 * once from nothing, then unchanged (one delta request, nothing downloaded, nothing written), then after
 * one edit (one download).
 */
export async function benchSharePoint(metrics: Metrics, quick: boolean): Promise<void> {
  const count = quick ? 200 : 1000;
  const graph = await startFakeGraph();
  const drive = graph.addDrive("Documents");
  for (let i = 0; i < count; i++) {
    const topic = TOPICS[i % TOPICS.length]!;
    graph.putFile(
      drive,
      `${topic}/note-${i}.md`,
      `# ${topic} note ${i}\n\nThe ${topic} team answers within ${2 + (i % 5)} working days. Reference ${topic.toUpperCase()}-${i}.\n\n## Exceptions\n\nAsk your manager about exception ${i}.\n`,
      [{ id: "link", roles: ["read"], link: { scope: "organization", type: "view" } }],
    );
  }
  const dir = await mkdtemp(join(tmpdir(), "docent-sharepoint-bench-"));
  const index = await openIndex(join(dir, "db"));
  const source: SourceConfig = { name: "library", type: "sharepoint", tenantId: graph.tenantId, drives: [drive], collection: "default", prettyUrls: false };
  const graphSettings = { apiUrl: graph.apiUrl, loginUrl: graph.loginUrl, clientId: graph.clientId, clientSecret: graph.clientSecret };
  const sync = async (): Promise<{ seconds: number; summary: SyncSummary }> => {
    const started = performance.now();
    const reader = readerForSource(source, { dbPath: join(dir, "db"), graph: graphSettings });
    const summary = await syncSource(index, { name: source.name, collection: source.collection }, reader, { logger: silentLogger() });
    return { seconds: (performance.now() - started) / 1000, summary };
  };
  try {
    const first = await sync();
    if (first.summary.added !== count || first.summary.failed.length)
      throw new Error(`sharepoint bench: first sync added ${first.summary.added} of ${count} files`);
    graph.requests.length = 0;
    const again = await sync();
    if (again.summary.unchanged !== count) throw new Error(`sharepoint bench: the unchanged re-sync changed ${count - again.summary.unchanged} files`);
    const unchangedRequests = graph.graphRequests().length;
    graph.putFile(drive, "leave/note-0.md", "# leave note 0\n\nThe leave team now answers within one working day.\n");
    graph.requests.length = 0;
    const edited = await sync();
    if (edited.summary.updated !== 1) throw new Error(`sharepoint bench: one edit updated ${edited.summary.updated} files`);

    metrics.add(`sharepoint_${count}_first_s`, first.seconds, "s", quick ? 5 : 20, "lower");
    metrics.add(`sharepoint_${count}_resync_s`, again.seconds, "s", quick ? 0.5 : 1, "lower");
    metrics.add(`sharepoint_${count}_resync_graph_requests`, unchangedRequests, "requests", 1, "lower");
    metrics.add(`sharepoint_${count}_one_edit_s`, edited.seconds, "s", quick ? 1 : 2, "lower");
    metrics.add(`sharepoint_${count}_one_edit_downloads`, graph.requests.filter((r) => r.path.startsWith("/download/")).length, "requests", 1, "lower");
  } finally {
    index.close();
    await graph.close();
    await rm(dir, { recursive: true, force: true });
  }
}
