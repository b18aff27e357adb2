import type { Embedder } from "../src/llm/embedder.ts";
import { hashedEmbedding } from "../test/helpers/fake-model-server.ts";

/**
 * The fake model server's bag-of-words embedding, called in-process: benchmarks of search latency must
 * not measure an HTTP round trip to a stand-in model.
 */
export function createHashingEmbedder(dimensions = 384, model = "hashing-bench"): Embedder & { embedOne(text: string): number[] } {
  const embedOne = (text: string) => hashedEmbedding(text, dimensions);
  return { model, embedOne, embed: async (texts) => texts.map(embedOne) };
}
