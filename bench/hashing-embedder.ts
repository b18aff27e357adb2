import { createHash } from "node:crypto";
import type { Embedder } from "../src/llm/embedder.ts";

/**
 * A deterministic bag-of-words embedder for benchmarks: similar texts get similar vectors, with no
 * model to download. Stands in for the embedding server only where one cannot be reached.
 */
export function createHashingEmbedder(dimensions = 384, model = "hashing-bench"): Embedder & { embedOne(text: string): number[] } {
  const bucket = new Map<string, number>();
  const indexOf = (word: string) => {
    let i = bucket.get(word);
    if (i === undefined) {
      i = createHash("md5").update(word).digest().readUInt32LE(0) % dimensions;
      bucket.set(word, i);
    }
    return i;
  };
  const embedOne = (text: string) => {
    const vector = new Array<number>(dimensions).fill(0);
    for (const word of text.toLowerCase().split(/[^a-z0-9]+/)) if (word.length > 2) vector[indexOf(word)]! += 1;
    const norm = Math.hypot(...vector) || 1;
    return vector.map((v) => v / norm);
  };
  return { model, embedOne, embed: async (texts) => texts.map(embedOne) };
}
