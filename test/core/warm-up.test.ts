import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { warmUp } from "../../src/core/warm-up.ts";
import { createExtractiveAnswerGenerator } from "../../src/llm/extractive-answer-generator.ts";
import { createOpenAIEmbedder } from "../../src/llm/openai-embedder.ts";
import { silentLogger } from "../../src/logger.ts";
import { startFakeModelServer, type FakeModelServer } from "../helpers/fake-model-server.ts";
import { indexPages } from "../helpers/indexed-corpus.ts";

describe("warming up before the first question", () => {
  let model: FakeModelServer;
  let indexed: Awaited<ReturnType<typeof indexPages>>;
  beforeAll(async () => {
    model = await startFakeModelServer();
    indexed = await indexPages({ "leave.md": "# Leave\n\nEveryone gets 25 days of paid leave a year.\n" });
  });
  afterAll(async () => {
    await indexed.cleanup();
    await model.close();
  });

  const quoteModel = (maxRetries = 2) =>
    createOpenAIEmbedder({ model: "fake-embed", baseURL: model.url, batchSize: 64, maxRetries, logger: silentLogger(), sleep: async () => {} });
  const embeddingCalls = () => model.requests.filter((request) => request.path === "/v1/embeddings").length;

  it("starts the model that chooses the quote, so the first asker does not wait for it", async () => {
    const before = embeddingCalls();
    const generator = createExtractiveAnswerGenerator({ embedder: quoteModel() });
    await warmUp({ index: indexed.index, embedder: null, rerankBy: null, generator, logger: silentLogger() });
    expect(embeddingCalls()).toBe(before + 1);
  });

  it("does not stop the start when the model cannot run: a warning says the first question will start it", async () => {
    model.failEmbeddings(1, 500);
    const warnings: string[] = [];
    const logger = { ...silentLogger(), warn: (_: unknown, message: string) => void warnings.push(message) } as unknown as ReturnType<typeof silentLogger>;
    const generator = createExtractiveAnswerGenerator({ embedder: quoteModel(0) });
    await expect(warmUp({ index: indexed.index, embedder: null, rerankBy: null, generator, logger })).resolves.toBeUndefined();
    expect(warnings).toEqual(["could not warm up the search and the answer's model; the first question will"]);
  });
});
