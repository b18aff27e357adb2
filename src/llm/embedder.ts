/** Turns texts into vectors; implemented over an OpenAI-compatible `/v1/embeddings`. */
export interface Embedder {
  readonly model: string;
  /** One vector per input text, in input order. */
  embed(texts: string[]): Promise<number[][]>;
}
