import { join } from "node:path";
import { answerQuestion } from "../src/core/answer-question.ts";
import { createChatAnswerGenerator } from "../src/llm/chat-answer-generator.ts";
import { createOpenAIChatModel } from "../src/llm/openai-chat-model.ts";
import { silentLogger } from "../src/logger.ts";
import { readQuestionSet } from "../src/retrieval/evaluate-retrieval.ts";
import { openIndex } from "../src/retrieval/open-index.ts";
import { syncSources } from "../src/retrieval/sync-sources.ts";
import { startFakeModelServer } from "../test/helpers/fake-model-server.ts";
import { percentile, type Metrics } from "./metrics.ts";
import { CORPUS, QUESTIONS } from "./retrieval-bench.ts";

/**
 * The core's own cost per question (condense, retrieve, gate, prompt, verify citations, grounding) with
 * a local model server that answers at once, over the 18F handbook.
 */
export async function benchCore(dir: string, metrics: Metrics, quick: boolean): Promise<void> {
  const logger = silentLogger();
  const index = await openIndex(join(dir, "core"));
  await syncSources(index, [{ name: "18f", type: "folder", path: CORPUS, include: ["pages/**"], collection: "default", prettyUrls: false }], { logger });
  const server = await startFakeModelServer();
  // The model cites the first source it was given, like a well-behaved model would.
  server.script(() => ({ reply: "According to the handbook, this is how it works [1]. The details are in the first source [1]." }));
  const chatModel = createOpenAIChatModel({ model: "fake-chat", baseURL: server.url, logger });
  const deps = { index, generator: createChatAnswerGenerator(chatModel), chatModel, scopes: {}, logger };
  const questions = (await readQuestionSet(QUESTIONS)).map((q) => q.question);
  const samples: number[] = [];
  try {
    for (let round = 0; round < (quick ? 1 : 3); round++) {
      for (const text of questions) {
        const started = performance.now();
        await answerQuestion({ platform: "cli", user: "bench", conversation: "bench", thread: "t", text, history: [] }, deps);
        if (round > 0 || quick) samples.push(performance.now() - started);
      }
    }
  } finally {
    await server.close();
    index.close();
  }
  metrics.add("core_overhead_p50_ms", percentile(samples, 50), "ms", 25, "lower");
  metrics.add("core_overhead_p99_ms", percentile(samples, 99), "ms", 100, "lower");
}
