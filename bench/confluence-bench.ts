import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SourceConfig } from "../src/config.ts";
import { readerForSource } from "../src/ingest/reader-for-source.ts";
import { silentLogger } from "../src/logger.ts";
import { openIndex } from "../src/retrieval/open-index.ts";
import { searchIndex } from "../src/retrieval/search-index.ts";
import { syncSource, type SyncSummary } from "../src/retrieval/sync-source.ts";
import { EVERYONE } from "../src/shared/principals.ts";
import { startFakeConfluence, type FakePage } from "../test/helpers/fake-confluence.ts";
import type { Metrics } from "./metrics.ts";

const TOPICS = ["leave", "travel", "expenses", "laptops", "security", "payroll", "benefits", "onboarding", "offices", "training"];

/**
 * A Confluence site of `pages` pages in two spaces on 127.0.0.1 (one page in ten restricted, in a tree
 * four levels deep), synced through the real pipeline: from nothing, then unchanged, which fetches no
 * body and writes nothing. Then the cost of the readers filter on the searches answers make.
 */
export async function benchConfluence(metrics: Metrics, quick: boolean): Promise<void> {
  const count = quick ? 200 : 1000;
  const pages: FakePage[] = [];
  for (let i = 0; i < count; i++) {
    const topic = TOPICS[i % TOPICS.length]!;
    pages.push({
      id: String(10_000 + i),
      spaceKey: i % 2 ? "IT" : "HR",
      title: `${topic} guide ${i}`,
      parentId: i >= 20 ? String(10_000 + (i % 20) + (i % 2 ? 1 : 0) - ((i % 20) % 2)) : undefined,
      body: `<h2>About</h2><p>Page ${i} explains the ${topic} policy: every request goes through the ${topic} portal, answered within ${2 + (i % 5)} days. Reference ${topic.toUpperCase()}-${i}.</p><ac:structured-macro ac:name="info"><ac:rich-text-body><p>Ask the ${topic} team.</p></ac:rich-text-body></ac:structured-macro>`,
      restrictedTo: i % 10 === 3 ? { users: ["557058:alice"] } : undefined,
    });
  }
  const wiki = await startFakeConfluence({
    spaces: [
      { id: "1", key: "HR", name: "Human Resources", readers: { groups: ["confluence-users"] } },
      { id: "2", key: "IT", name: "IT", readers: { groups: ["confluence-users"] } },
    ],
    users: [{ accountId: "557058:alice", email: "alice@acme.test", displayName: "Alice" }],
    pages,
  });
  const dir = await mkdtemp(join(tmpdir(), "docent-confluence-bench-"));
  const index = await openIndex(join(dir, "db"));
  const source: SourceConfig = {
    name: "wiki",
    type: "confluence",
    url: wiki.url,
    spaces: ["HR", "IT"],
    collection: "default",
    prettyUrls: false,
    everyoneGroups: ["confluence-users"],
  };
  const env = { CONFLUENCE_EMAIL: wiki.email, CONFLUENCE_API_TOKEN: wiki.token };
  const sync = async (): Promise<{ seconds: number; summary: SyncSummary }> => {
    const started = performance.now();
    const summary = await syncSource(index, { name: source.name, collection: source.collection }, readerForSource(source, { dbPath: join(dir, "db"), env }), {
      logger: silentLogger(),
    });
    return { seconds: (performance.now() - started) / 1000, summary };
  };
  try {
    const first = await sync();
    if (first.summary.added !== count || first.summary.failed.length)
      throw new Error(`confluence bench: first sync added ${first.summary.added} of ${count} pages`);
    wiki.requests.length = 0;
    wiki.bodiesServed.length = 0;
    const again = await sync();
    if (again.summary.unchanged !== count) throw new Error(`confluence bench: the unchanged re-sync changed ${count - again.summary.unchanged} pages`);

    metrics.add(`confluence_${count}_first_s`, first.seconds, "s", quick ? 5 : 20, "lower");
    metrics.add(`confluence_${count}_resync_s`, again.seconds, "s", quick ? 2 : 8, "lower");
    // An unchanged re-sync lists pages without bodies and re-reads permissions (one restriction request a page).
    metrics.add(`confluence_${count}_resync_requests`, wiki.requests.length, "requests", count + count / 25 + 10, "lower");
    metrics.add(`confluence_${count}_resync_bodies`, wiki.bodiesServed.length, "pages", 0, "lower");

    const questions = TOPICS.map((topic) => `how fast is a ${topic} request answered`);
    const time = async (readers: string[] | null) => {
      const times: number[] = [];
      for (const question of [...questions, ...questions]) {
        const started = performance.now();
        await searchIndex(index, question, { k: 5, readers });
        times.push(performance.now() - started);
      }
      return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
    };
    await time(null); // warm-up
    const unfiltered = await time(null);
    const filtered = await time([EVERYONE, "user:alice@acme.test"]);
    metrics.add(`confluence_${count}_readers_filter_p50_ratio`, filtered / unfiltered, "ratio", 1.5, "lower");
  } finally {
    index.close();
    await wiki.close();
    await rm(dir, { recursive: true, force: true });
  }
}
