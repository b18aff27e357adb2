import type { Embedder } from "./embedder.ts";

/**
 * How close in meaning each sentence is to the question, by the cosine of their embeddings (one call for
 * all of them): what tells "You can have up to 24 credit hours accrued" apart as the answer to "is there a
 * limit on how many credit hours I can stack up?" when the words alone do not.
 */
export async function sentenceSimilarities(embedder: Embedder, question: string, sentences: string[]): Promise<number[]> {
  if (sentences.length === 0) return [];
  const [asked, ...vectors] = await embedder.embed([question, ...sentences]);
  return vectors.map((vector) => cosine(asked!, vector));
}

function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    normA += a[i]! * a[i]!;
    normB += b[i]! * b[i]!;
  }
  return normA && normB ? dot / Math.sqrt(normA * normB) : 0;
}

/**
 * The embedder, each text embedded once for as long as this lives: one answer weighs the same sentences
 * against the whole question and against each question it asks (questionParts).
 */
export function keepingVectors(embedder: Embedder): Embedder {
  const kept = new Map<string, Promise<number[]>>();
  return {
    model: embedder.model,
    embed(texts) {
      const missing = [...new Set(texts.filter((text) => !kept.has(text)))];
      if (missing.length > 0) {
        const vectors = embedder.embed(missing);
        missing.forEach((text, i) =>
          kept.set(
            text,
            vectors.then((all) => all[i]!),
          ),
        );
      }
      return Promise.all(texts.map((text) => kept.get(text)!));
    },
  };
}
