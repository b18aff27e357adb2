import { join } from "node:path";
import { Writable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { LoadedContent } from "../../src/ingest/loaded-document.ts";
import type { SourceReader } from "../../src/ingest/source-reader.ts";
import { createOpenAIEmbedder } from "../../src/llm/openai-embedder.ts";
import { createLogger, silentLogger } from "../../src/logger.ts";
import { Schema } from "../../src/retrieval/arrow.ts";
import { chunkSchema } from "../../src/retrieval/chunk-schema.ts";
import { CHUNKS_TABLE } from "../../src/retrieval/chunks-table.ts";
import { ensureIndexes } from "../../src/retrieval/ensure-indexes.ts";
import { openIndex, type KnowledgeIndex } from "../../src/retrieval/open-index.ts";
import { searchIndex } from "../../src/retrieval/search-index.ts";
import { syncSource } from "../../src/retrieval/sync-source.ts";
import { sha256 } from "../../src/shared/sha256.ts";
import { EVERYONE } from "../../src/shared/principals.ts";
import { tempDir } from "../helpers/corpus.ts";
import { startFakeModelServer, type FakeModelServer } from "../helpers/fake-model-server.ts";

const logger = silentLogger();
const ALICE = "user:alice@acme.test";

/** An in-memory source whose documents say who may read them, as Confluence's and SharePoint's do. */
function memorySource(documents: Record<string, LoadedContent>): SourceReader {
  return {
    location: "memory",
    list: async () =>
      Object.entries(documents).map(([docId, content]) => ({ docId, contentHash: sha256(JSON.stringify(content)), updatedAt: 1_700_000_000_000 })),
    load: async (docId) => documents[docId]!,
  };
}

/** Many restricted pages that match a question far better than the one page everyone may read. */
function crowdedCorpus(): Record<string, LoadedContent> {
  const documents: Record<string, LoadedContent> = {
    "open.md": { title: "Expenses", url: null, keywords: "", markdown: "Claim a taxi expense within thirty days." },
  };
  for (let i = 0; i < 40; i++) {
    documents[`secret-${i}.md`] = {
      title: `Taxi expense rules ${i}`,
      url: null,
      keywords: "taxi expense",
      markdown: `Taxi expense taxi expense: the executive taxi expense allowance number ${i}.`,
      readers: [ALICE],
    };
  }
  return documents;
}

describe("who may read a passage, filtered inside the search", () => {
  let dir: { path: string; remove: () => Promise<void> };
  let index: KnowledgeIndex;
  let models: FakeModelServer;

  beforeEach(async () => {
    dir = await tempDir();
    index = await openIndex(join(dir.path, "db"));
    models = await startFakeModelServer();
  });
  afterEach(async () => {
    index.close();
    await models.close();
    await dir.remove();
  });

  const embedder = () => createOpenAIEmbedder({ model: "fake-embed", baseURL: models.url, logger, sleep: async () => {} });

  it("keeps restricted passages out of the top results before ranking, in full-text and hybrid search", async () => {
    const withVectors = embedder();
    await syncSource(index, { name: "mem", collection: "default" }, memorySource(crowdedCorpus()), { logger, embedder: withVectors });

    for (const options of [{}, { embedder: withVectors }]) {
      // Forty restricted pages outrank the open one; with k = 1 a filter applied after ranking would find nothing.
      const [open] = await searchIndex(index, "taxi expense", { k: 1, readers: [EVERYONE], ...options });
      expect(open?.docId).toBe("open.md");
      expect(await searchIndex(index, "taxi expense", { k: 1, readers: [EVERYONE, ALICE], ...options })).toMatchObject([
        { docId: expect.stringMatching(/^secret-/) },
      ]);
      const all = await searchIndex(index, "taxi expense", { k: 50, readers: [EVERYONE, "user:bob@acme.test", "group:hr"], ...options });
      expect(all.map((hit) => hit.docId)).toEqual(["open.md"]);
    }
    // An audience with no principals at all reads nothing.
    expect(await searchIndex(index, "taxi expense", { k: 5, readers: [] })).toEqual([]);
  });

  it("re-indexes a document whose readers alone changed", async () => {
    const documents = crowdedCorpus();
    await syncSource(index, { name: "mem", collection: "default" }, memorySource(documents), { logger });
    documents["secret-0.md"] = { ...documents["secret-0.md"]!, readers: [EVERYONE] };

    const summary = await syncSource(index, { name: "mem", collection: "default" }, memorySource(documents), { logger });

    expect(summary).toMatchObject({ updated: 1, unchanged: 40 });
    const hits = await searchIndex(index, "executive taxi expense allowance number 0", { k: 5, readers: [EVERYONE] });
    expect(hits.map((hit) => hit.docId)).toContain("secret-0.md");
  });

  it("keeps serving an index built before permissions, and migrates it in place on the next sync", async () => {
    // The chunks table as Docent wrote it before readers existed.
    const current = chunkSchema(null);
    const old = new Schema(
      current.fields.filter((field) => field.name !== "readers"),
      current.metadata,
    );
    const row = {
      id: "kb:leave.md#0:abc",
      docId: "leave.md",
      source: "kb",
      collection: "default",
      title: "Leave",
      url: null,
      heading: null,
      text: "Parents take sixteen weeks of parental leave.",
      searchText: "Leave\nParents take sixteen weeks of parental leave.",
      chunkIndex: 0,
      contentHash: "h1",
      chunkHash: "abc",
      updatedAt: 1_700_000_000_000,
    };
    const table = await index.connection.createTable(CHUNKS_TABLE, [row], { schema: old });
    await ensureIndexes(table, { optimize: false });
    await index.refresh();

    // Before any sync: a shared audience still finds what the old index holds (all of it everyone's).
    expect((await searchIndex(index, "parental leave weeks", { k: 1, readers: [EVERYONE] }))[0]?.docId).toBe("leave.md");

    const lines: string[] = [];
    const logged = createLogger({ level: "info", destination: new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) }) });
    await syncSource(index, { name: "wiki", collection: "default" }, memorySource(crowdedCorpus()), { logger: logged });

    expect(lines.join("")).toMatch(/added the readers column/);
    // The filter runs in every answer's search: the column gets its own (label-list) index.
    expect((await (await index.table())!.listIndices()).flatMap((i) => i.columns)).toContain("readers");
    const [kept] = await (await index.table())!.query().where("docId = 'leave.md'").select(["readers"]).toArray();
    expect(Array.from(kept!.readers as Iterable<string>)).toEqual([EVERYONE]);
    expect((await searchIndex(index, "parental leave weeks", { k: 1, readers: [EVERYONE] }))[0]?.docId).toBe("leave.md");
    expect((await searchIndex(index, "taxi expense", { k: 1, readers: [EVERYONE] }))[0]?.docId).toBe("open.md");
  });
});
