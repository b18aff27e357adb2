import OpenAI, { APIError } from "openai";
import type { Logger } from "../logger.ts";
import { errorMessage, retryAfterMs, sdkLogger } from "./openai-client-support.ts";
import type { Embedder } from "./embedder.ts";

export interface OpenAIEmbedderOptions {
  model: string;
  apiKey?: string;
  baseURL?: string;
  /** Texts per request (default 64). */
  batchSize?: number;
  /** Attempts after the first for HTTP 429/5xx and network errors (default 4), with exponential backoff. */
  maxRetries?: number;
  /** Per request (default 60 s). */
  timeoutMs?: number;
  logger: Logger;
  /** Injectable so tests need not wait out the backoff. */
  sleep?: (ms: number) => Promise<void>;
}

/** The longest single wait, whatever the server's Retry-After says. */
const MAX_BACKOFF_MS = 30_000;

/** Embeddings from an OpenAI-compatible `/v1/embeddings`, batched and retried with backoff. */
export function createOpenAIEmbedder(options: OpenAIEmbedderOptions): Embedder {
  const client = new OpenAI({
    apiKey: options.apiKey ?? "not-needed",
    baseURL: options.baseURL,
    // Retries are ours, so that the waits are injectable and the final error says how many attempts were made.
    maxRetries: 0,
    timeout: options.timeoutMs ?? 60_000,
    // "warn" keeps the SDK from ever logging request bodies (the documents' text).
    logLevel: "warn",
    logger: sdkLogger(options.logger),
  });
  const batchSize = Math.max(1, options.batchSize ?? 64);
  const maxRetries = options.maxRetries ?? 4;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const { logger, model } = options;

  async function embedBatch(input: string[]): Promise<number[][]> {
    for (let attempt = 1; ; attempt++) {
      const started = performance.now();
      let response: OpenAI.CreateEmbeddingResponse;
      try {
        // Without "float" the SDK asks for base64, and a server that answers with plain floats anyway
        // is decoded as garbage, silently (DESIGN, known pitfalls).
        response = await client.embeddings.create({ model, input, encoding_format: "float" });
      } catch (error) {
        const status = error instanceof APIError ? error.status : undefined;
        const retryable = status === undefined || status === 429 || status >= 500;
        const reason = status ? `HTTP ${status}` : errorMessage(error);
        if (!retryable || attempt > maxRetries) {
          throw new Error(`embedding request failed after ${attempt} attempt${attempt === 1 ? "" : "s"}: ${reason}`, { cause: error });
        }
        const waitMs = Math.min(MAX_BACKOFF_MS, (error instanceof APIError ? retryAfterMs(error.headers) : undefined) ?? 500 * 2 ** (attempt - 1));
        logger.warn({ model, attempt, reason, waitMs }, "embedding request failed; retrying");
        await sleep(waitMs);
        continue;
      }
      logger.debug({ model, attempt, texts: input.length, ms: Math.round(performance.now() - started) }, "embedded a batch");
      return vectorsInOrder(response, input.length);
    }
  }

  return {
    model,
    async embed(texts) {
      const vectors: number[][] = [];
      for (let i = 0; i < texts.length; i += batchSize) vectors.push(...(await embedBatch(texts.slice(i, i + batchSize))));
      return vectors;
    },
  };
}

/** The server may answer in any order; `index` says which input each vector belongs to. */
function vectorsInOrder(response: OpenAI.CreateEmbeddingResponse, count: number): number[][] {
  // Dense, not `new Array(count)`: indexOf skips the holes of a sparse array and would miss a missing vector.
  const vectors: (number[] | undefined)[] = Array.from({ length: count }, () => undefined);
  for (const item of response.data ?? []) {
    if (!Array.isArray(item.embedding)) throw new Error("the embedding server sent a vector that is not a list of numbers");
    if (item.index >= 0 && item.index < count) vectors[item.index] = item.embedding;
  }
  const missing = vectors.indexOf(undefined);
  if (missing !== -1) throw new Error(`the embedding server sent ${response.data?.length ?? 0} vectors for ${count} texts`);
  return vectors as number[][];
}
