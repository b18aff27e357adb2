import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createOpenAIEmbedder } from "../../src/llm/openai-embedder.ts";
import { silentLogger } from "../../src/logger.ts";
import { hashedEmbedding, startFakeModelServer, type FakeModelServer } from "../helpers/fake-model-server.ts";

describe("the OpenAI-compatible embedder", () => {
  let server: FakeModelServer;
  const waits: number[] = [];
  beforeAll(async () => (server = await startFakeModelServer()));
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.splice(0);
    waits.length = 0;
  });
  afterEach(() => server.failEmbeddings(0, 500));

  const embedder = (options: { maxRetries?: number; url?: string } = {}) =>
    createOpenAIEmbedder({
      model: "fake-embed",
      baseURL: options.url ?? server.url,
      batchSize: 64,
      maxRetries: options.maxRetries,
      logger: silentLogger(),
      sleep: async (ms) => void waits.push(ms),
    });
  const embeddingRequests = () => server.requests.filter((r) => r.path === "/v1/embeddings");
  const texts = Array.from({ length: 150 }, (_, i) => `document number ${i} about topic ${["leave", "expenses", "security"][i % 3]}`);

  it("sends batches, asks for floats, and keeps the input order", async () => {
    const vectors = await embedder().embed(texts);
    const sent = embeddingRequests();
    expect(sent.map((r) => r.body.input.length)).toEqual([64, 64, 22]);
    expect(sent.flatMap((r) => r.body.input)).toEqual(texts);
    expect(sent.every((r) => r.body.encoding_format === "float" && r.body.model === "fake-embed")).toBe(true);
    expect(vectors).toHaveLength(150);
    expect(vectors).toEqual(texts.map((text) => hashedEmbedding(text, 64)));
  });

  it("puts each vector back with its input when the server lists them out of order", async () => {
    const shuffling = await startFakeModelServer({ reverseEmbeddings: true });
    try {
      const vectors = await embedder({ url: shuffling.url }).embed(texts.slice(0, 10));
      expect(vectors).toEqual(texts.slice(0, 10).map((text) => hashedEmbedding(text, 64)));
    } finally {
      await shuffling.close();
    }
  });

  it("sends nothing for no texts", async () => {
    expect(await embedder().embed([])).toEqual([]);
    expect(embeddingRequests()).toHaveLength(0);
  });

  it("retries a 429 (honouring Retry-After) and a 500, then succeeds", async () => {
    server.failEmbeddings(1, 429, { "retry-after": "2" });
    expect(await embedder().embed(["a text"])).toEqual([hashedEmbedding("a text", 64)]);
    expect(waits).toEqual([2000]);
    server.failEmbeddings(1, 500);
    expect(await embedder().embed(["a text"])).toHaveLength(1);
    expect(waits).toEqual([2000, 500]);
    expect(embeddingRequests()).toHaveLength(4);
  });

  it("backs off exponentially", async () => {
    server.failEmbeddings(3, 502);
    expect(await embedder().embed(["a text"])).toHaveLength(1);
    expect(waits).toEqual([500, 1000, 2000]);
  });

  it("fails with a clear error after the last attempt", async () => {
    server.failEmbeddings(10, 500);
    await expect(embedder().embed(["x"])).rejects.toThrow("embedding request failed after 5 attempts: HTTP 500");
    expect(embeddingRequests()).toHaveLength(5);
    server.failEmbeddings(10, 500);
    await expect(embedder({ maxRetries: 2 }).embed(["x"])).rejects.toThrow("embedding request failed after 3 attempts: HTTP 500");
  });

  it("does not retry a request the server rejects as bad", async () => {
    server.failEmbeddings(1, 400);
    await expect(embedder().embed(["x"])).rejects.toThrow("embedding request failed after 1 attempt: HTTP 400");
    expect(embeddingRequests()).toHaveLength(1);
    expect(waits).toEqual([]);
  });
});
