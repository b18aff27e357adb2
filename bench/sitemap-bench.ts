import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SourceConfig } from "../src/config.ts";
import { readerForSource } from "../src/ingest/reader-for-source.ts";
import { silentLogger } from "../src/logger.ts";
import { openIndex } from "../src/retrieval/open-index.ts";
import { syncSource, type SyncSummary } from "../src/retrieval/sync-source.ts";
import { startTestSite, type TestPage } from "../test/ingest/sources/test-site.ts";
import type { Metrics } from "./metrics.ts";

const TOPICS = ["leave", "travel", "expenses", "laptops", "security", "payroll", "benefits", "onboarding", "offices", "training"];
const WORDS = ["policy", "request", "manager", "approval", "deadline", "portal", "team", "budget", "receipt", "contract", "badge", "schedule"];

/**
 * A website of `pages` pages on 127.0.0.1 (robots.txt, a sitemap index, pages with a site's chrome around
 * their article), synced through the real pipeline into a fresh index: once from nothing, then again
 * unchanged, which should cost one conditional request per page and write nothing.
 */
export async function benchSitemap(metrics: Metrics, quick: boolean): Promise<void> {
  const count = quick ? 100 : 500;
  const pages: Record<string, TestPage> = {};
  for (let i = 0; i < count; i++) pages[`/handbook/${TOPICS[i % TOPICS.length]}/page-${i}/`] = benchPage(i);
  const site = await startTestSite(pages);
  const dir = await mkdtemp(join(tmpdir(), "docent-sitemap-bench-"));
  const index = await openIndex(join(dir, "db"));
  const source: SourceConfig = { name: "intranet", type: "sitemap", url: site.sitemapUrl, collection: "default", prettyUrls: false };
  const sync = async (): Promise<{ seconds: number; summary: SyncSummary }> => {
    const started = performance.now();
    const summary = await syncSource(index, { name: source.name, collection: source.collection }, readerForSource(source, { dbPath: join(dir, "db") }), {
      logger: silentLogger(),
    });
    return { seconds: (performance.now() - started) / 1000, summary };
  };
  try {
    const first = await sync();
    if (first.summary.added !== count || first.summary.failed.length)
      throw new Error(`sitemap bench: first sync added ${first.summary.added} of ${count} pages`);
    site.requests.length = 0;
    const again = await sync();
    if (again.summary.unchanged !== count) throw new Error(`sitemap bench: the unchanged re-sync changed ${count - again.summary.unchanged} pages`);
    const conditional = site.requests.filter((request) => request.conditional).length;
    const fetchedAgain = site.requests.filter((request) => request.status === 200).length;

    metrics.add(`sitemap_${count}_first_s`, first.seconds, "s", quick ? 3 : 10, "lower");
    metrics.add(`sitemap_${count}_resync_s`, again.seconds, "s", quick ? 0.5 : 2, "lower");
    // Every request of the re-sync (robots.txt, two sitemaps, each page) is conditional, and none brings a body.
    metrics.add(`sitemap_${count}_resync_conditional_requests`, conditional, "requests", count + 3, "higher");
    metrics.add(`sitemap_${count}_resync_full_fetches`, fetchedAgain, "requests", 0, "lower");
  } finally {
    index.close();
    await site.close();
    await rm(dir, { recursive: true, force: true });
  }
}

function benchPage(i: number): TestPage {
  const topic = TOPICS[i % TOPICS.length]!;
  const word = (k: number) => WORDS[(i * 7 + k * 3) % WORDS.length]!;
  const paragraph = (k: number) =>
    `<p>Page ${i} explains the ${topic} ${word(k)} in detail: every ${word(k + 1)} goes through the ${word(k + 2)} before the ${word(k + 3)}, and the ${topic} team answers within ${2 + (i % 5)} working days. Reference number ${topic.toUpperCase()}-${i}-${k}.</p>`;
  return {
    title: `${topic[0]!.toUpperCase()}${topic.slice(1)} guide ${i}`,
    body: `${paragraph(0)}${paragraph(1)}<h2>How to ask</h2>${paragraph(2)}${paragraph(3)}<h2>Exceptions</h2>${paragraph(4)}`,
    lastmod: new Date(Date.UTC(2024, i % 12, 1 + (i % 28))).toISOString().slice(0, 10),
  };
}
