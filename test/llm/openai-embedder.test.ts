import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOpenAIEmbedder } from "../../src/llm/openai-embedder.ts";
import { silentLogger } from "../../src/logger.ts";
import { hashedEmbedding, startFakeModelServer, type FakeModelServer } from "../helpers/fake-model-server.ts";

describe("the OpenAI-compatible embedder", () => {
  let server: FakeModelServer;
  const waits: number[] = [];
  beforeAll(async () => (server = await startFakeModelServer()));
  afterAll(() => server.close());

  const embedder = (maxRetries = 4) =>
    createOpenAIEmbedder({ model: "fake-embed", baseURL: server.url, batchSize: 64, maxRetries, logger: silentLogger(), sleep: async (ms) => void waits.push(ms) });
  const embeddingRequests = () => server.requests.filter((r) => r.path === "/v1/embeddings");

  it("sends batches, asks for floats, and keeps the input order", async () => {
    const before = embeddingRequests().length;
    const texts = Array.from({ length: 150 }, (_, i) => `document number ${i} about topic ${i % 7}`);
    const vectors = await embedder().embed(texts);
    const sent = embeddingRequests().slice(before);
    expect(sent.map((r) => r.body.input.length)).toEqual([64, 64, 22]);
    expect(sent.every((r) => r.body.encoding_format === "float" && r.body.model === "fake-embed")).toBe(true);
    expect(vectors).toHaveLength(150);
    expect(vectors[149]).toEqual(hashedEmbedding(texts[149]!, 64));
  });

  it("retries a 429 (honouring Retry-After) and a 500, then succeeds", async () => {
    waits.length = 0;
    server.failEmbeddings(1, 429, { "retry-after": "2" });
    expect(await embedder().embed(["a text"])).toHaveLength(1);
    expect(waits).toEqual([2000]);
    server.failEmbeddings(1, 500);
    expect(await embedder().embed(["a text"])).toHaveLength(1);
  });

  it("fails with a clear error after the last attempt", async () => {
    server.failEmbeddings(10, 500);
    await expect(embedder(2).embed(["x"])).rejects.toThrow("embedding request failed after 3 attempts: HTTP 500");
    server.failEmbeddings(0, 500);
  });
});
