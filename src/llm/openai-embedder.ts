import OpenAI, { APIError } from "openai";
import type { Logger } from "../logger.ts";
import type { Embedder } from "./embedder.ts";

export interface OpenAIEmbedderOptions {
  model: string;
  apiKey?: string;
  baseURL?: string;
  batchSize?: number;
  /** Attempts after the first for HTTP 429/5xx and network errors (default 4), with exponential backoff. */
  maxRetries?: number;
  timeoutMs?: number;
  logger: Logger;
  sleep?: (ms: number) => Promise<void>;
}

/** Embeddings from an OpenAI-compatible `/v1/embeddings`, batched and retried with backoff. */
export function createOpenAIEmbedder(options: OpenAIEmbedderOptions): Embedder {
  const client = new OpenAI({ apiKey: options.apiKey ?? "not-needed", baseURL: options.baseURL, maxRetries: 0, timeout: options.timeoutMs ?? 60_000 });
  const batchSize = options.batchSize ?? 64;
  const maxRetries = options.maxRetries ?? 4;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));

  async function embedBatch(input: string[]): Promise<number[][]> {
    for (let attempt = 0; ; attempt++) {
      try {
        // Without "float", a server that returns plain floats is decoded as base64 garbage, silently.
        const response = await client.embeddings.create({ model: options.model, input, encoding_format: "float" });
        return [...response.data].sort((a, b) => a.index - b.index).map((item) => item.embedding);
      } catch (error) {
        const status = error instanceof APIError ? error.status : undefined;
        const retryable = status === undefined || status === 429 || status >= 500;
        const reason = status ? `HTTP ${status}` : (error as Error).message;
        if (!retryable || attempt >= maxRetries) throw new Error(`embedding request failed after ${attempt + 1} attempt${attempt ? "s" : ""}: ${reason}`);
        const retryAfter = error instanceof APIError ? Number(error.headers?.get?.("retry-after")) : NaN;
        const wait = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 500 * 2 ** attempt;
        options.logger.warn({ model: options.model, attempt: attempt + 1, reason, waitMs: wait }, "embedding request failed; retrying");
        await sleep(Math.min(wait, 30_000));
      }
    }
  }

  return {
    model: options.model,
    async embed(texts) {
      const vectors: number[][] = [];
      for (let i = 0; i < texts.length; i += batchSize) vectors.push(...(await embedBatch(texts.slice(i, i + batchSize))));
      return vectors;
    },
  };
}
