import { appendFile, cp } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOpenAIEmbedder } from "../../src/llm/openai-embedder.ts";
import { silentLogger } from "../../src/logger.ts";
import { openIndex, type KnowledgeIndex } from "../../src/retrieval/open-index.ts";
import { searchIndex } from "../../src/retrieval/search-index.ts";
import { syncSources } from "../../src/retrieval/sync-sources.ts";
import { SAMPLE_KNOWLEDGE, tempDir } from "../helpers/corpus.ts";
import { startFakeModelServer, type FakeModelServer } from "../helpers/fake-model-server.ts";

describe("indexing with an embedding model", () => {
  let server: FakeModelServer;
  let index: KnowledgeIndex;
  let docs: string;
  let cleanup: () => Promise<void>;
  const logger = silentLogger();

  beforeAll(async () => {
    server = await startFakeModelServer();
    const dir = await tempDir();
    docs = join(dir.path, "kb");
    await cp(SAMPLE_KNOWLEDGE, docs, { recursive: true });
    index = await openIndex(join(dir.path, "db"));
    cleanup = async () => {
      index.close();
      await server.close();
      await dir.remove();
    };
  });
  afterAll(() => cleanup());

  const embedder = () => createOpenAIEmbedder({ model: "fake-embed", baseURL: server.url, logger, sleep: async () => {} });
  const source = () => ({ name: "kb", type: "folder" as const, path: docs, collection: "default", prettyUrls: false });
  const embeddedTexts = () => server.requests.filter((r) => r.path === "/v1/embeddings").flatMap((r) => r.body.input as string[]);
  const sync = async (options: { full?: boolean; withEmbedder?: boolean } = {}) => {
    const [outcome] = await syncSources(index, [source()], { logger, full: options.full, embedder: options.withEmbedder === false ? null : embedder() });
    if (!outcome || "error" in outcome) throw new Error(outcome ? outcome.error : "no outcome");
    return outcome;
  };

  it("stores a vector for every passage and records the model in the index", async () => {
    const summary = await sync();
    expect(summary.chunksEmbedded).toBe(summary.chunks);
    expect(await index.embeddingModel()).toBe("fake-embed");
    const rows = await (await index.table())!.query().where("chunkIndex >= 0").select(["vector"]).toArray();
    expect(rows.every((row) => row.vector && row.vector.length === 64)).toBe(true);
  });

  it("fuses full-text and vector results when searching", async () => {
    const before = embeddedTexts().length;
    const hits = await searchIndex(index, "How many weeks of parental leave for the primary caregiver?", { k: 3, embedder: embedder() });
    expect(embeddedTexts().length).toBe(before + 1); // the question itself
    expect(hits[0]!.docId).toBe("hr/parental-leave.md");
    // Two searches' relative scores (0..1 each) added; the passage's BM25 score is kept beside it for the gate.
    expect(hits[0]!.score).toBeGreaterThan(1);
    expect(hits[0]!.score).toBeLessThanOrEqual(2);
    expect(hits[0]!.textScore).toBeGreaterThan(0);
    expect(hits[0]!.textScore).not.toBe(hits[0]!.score);
  });

  it("never re-embeds an unchanged passage, even in a changed document", async () => {
    const before = embeddedTexts().length;
    expect((await sync()).chunksEmbedded).toBe(0);
    await appendFile(join(docs, "hr/parental-leave.md"), "\n\n## Grandparents\n\nGrandparents get two days of family leave when a grandchild is born.\n");
    const summary = await sync();
    expect(summary.updated).toBe(1);
    expect(summary.chunksEmbedded).toBeGreaterThanOrEqual(1);
    expect(summary.chunksEmbedded).toBeLessThanOrEqual(2);
    expect(
      embeddedTexts()
        .slice(before)
        .some((text) => text.includes("Grandparents get two days")),
    ).toBe(true);
  });

  it("refuses to mix vectors of different models without --full, then rebuilds with it", async () => {
    await expect(syncSources(index, [source()], { logger, embedder: null })).rejects.toThrow(/built with embedding model "fake-embed".*docent ingest --full/);
    const summary = await sync({ full: true, withEmbedder: false });
    expect(summary.added).toBeGreaterThan(15);
    expect(await index.embeddingModel()).toBe("");
  });

  it("retries the embedding server's 429s and 500s during a sync", async () => {
    await sync({ full: true });
    server.failEmbeddings(2, 429, { "retry-after": "1" });
    await appendFile(join(docs, "it/vpn.md"), "\n\nThe VPN client updates itself every Tuesday night.\n");
    const summary = await sync();
    expect(summary).toMatchObject({ updated: 1, failed: [] });
  });
});
