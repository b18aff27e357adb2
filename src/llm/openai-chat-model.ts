import OpenAI, { APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import type { Logger } from "../logger.ts";
import { errorMessage, retryAfterMs, sdkLogger } from "./openai-client-support.ts";
import { ChatModelError, type ChatMessage, type ChatModel, type CompleteOptions } from "./chat-model.ts";

export interface OpenAIChatModelOptions {
  model: string;
  apiKey?: string;
  baseURL?: string;
  /** The whole attempt, including a stream that stalls halfway (default 30 s). */
  timeoutMs?: number;
  /** Extra attempts after a timeout, a network error, HTTP 429/5xx or an empty reply (default 1). */
  retries?: number;
  logger: Logger;
}

/** The longest we wait before a retry, even when the server's Retry-After asks for more. */
const MAX_BACKOFF_MS = 2000;

/**
 * A chat model behind any OpenAI-compatible server (OpenAI, Azure OpenAI, Ollama, vLLM, llama.cpp),
 * always streamed. Retries are ours, not the SDK's: a retry after text was already streamed to the user
 * would repeat it, so only an attempt that produced nothing is tried again.
 */
export function createOpenAIChatModel(options: OpenAIChatModelOptions): ChatModel {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const retries = options.retries ?? 1;
  const { logger, model } = options;
  const client = new OpenAI({
    // Local servers need no key, but the SDK insists on one.
    apiKey: options.apiKey ?? "not-needed",
    baseURL: options.baseURL,
    maxRetries: 0,
    // Only a backstop: the SDK's timer stops at the response headers, so our own timer (below) is the one
    // that counts; the margin keeps the two from racing and reporting the same timeout two ways.
    timeout: timeoutMs + 1000,
    // The SDK's own chatter (it logs unparsable stream chunks with console.error) goes to our log, at debug;
    // "warn" keeps it from ever logging request bodies, which hold the users' questions.
    logLevel: "warn",
    logger: sdkLogger(logger),
  });

  async function attempt(messages: ChatMessage[], complete: CompleteOptions, streamed: { any: boolean }): Promise<string> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(timeoutError(timeoutMs)), timeoutMs);
    const onOuterAbort = () => controller.abort(complete.signal?.reason);
    complete.signal?.addEventListener("abort", onOuterAbort, { once: true });
    try {
      const stream = await client.chat.completions.create(
        { model, messages, stream: true, temperature: complete.temperature, max_tokens: complete.maxTokens },
        { signal: controller.signal },
      );
      let text = "";
      for await (const chunk of stream) {
        const delta = chunk.choices?.[0]?.delta?.content ?? "";
        if (!delta) continue;
        text += delta;
        streamed.any = true;
        complete.onDelta?.(delta);
      }
      // The SDK ends an aborted stream quietly instead of throwing, so a timeout mid-stream lands here.
      if (controller.signal.aborted) throw controller.signal.reason;
      if (!text.trim()) throw new ChatModelError("the model server sent an empty reply", "empty");
      return text;
    } catch (error) {
      if (complete.signal?.aborted) throw complete.signal.reason;
      throw toChatModelError(error, controller.signal, timeoutMs);
    } finally {
      clearTimeout(timer);
      complete.signal?.removeEventListener("abort", onOuterAbort);
    }
  }

  return {
    name: model,
    async complete(messages, complete = {}) {
      // A caller that gave up gets its own reason back, like fetch does; that is not the model's failure.
      complete.signal?.throwIfAborted();
      const streamed = { any: false };
      const started = performance.now();
      for (let attemptNo = 1; ; attemptNo++) {
        try {
          const text = await attempt(messages, complete, streamed);
          logger.debug({ model, attempt: attemptNo, ms: Math.round(performance.now() - started) }, "model answered");
          return text;
        } catch (error) {
          const failure = error as ModelFailure;
          const retry = !complete.signal?.aborted && !streamed.any && attemptNo <= retries && isRetryable(failure);
          if (!retry) {
            logger.debug(
              { model, attempt: attemptNo, ms: Math.round(performance.now() - started), err: errorMessage(failure), streamed: streamed.any },
              "model call failed",
            );
            throw failure;
          }
          const waitMs = Math.min(MAX_BACKOFF_MS, failure.retryAfterMs ?? 250 * attemptNo);
          logger.warn({ model, attempt: attemptNo, err: failure.message, waitMs }, "model call failed before any text arrived; retrying");
          await sleep(waitMs, complete.signal);
        }
      }
    },
  };
}

/** A ChatModelError that remembers what a retry needs to know. */
type ModelFailure = ChatModelError & { status?: number; retryAfterMs?: number };

function isRetryable(error: ModelFailure): boolean {
  if (!(error instanceof ChatModelError)) return false;
  if (error.kind === "http") return error.status === 429 || (error.status ?? 0) >= 500;
  return true;
}

function toChatModelError(error: unknown, signal: AbortSignal, timeoutMs: number): ModelFailure {
  if (error instanceof ChatModelError) return error;
  if (signal.aborted && signal.reason instanceof ChatModelError) return signal.reason;
  if (error instanceof APIUserAbortError || error instanceof APIConnectionTimeoutError || signal.aborted) {
    return timeoutError(timeoutMs, error);
  }
  if (error instanceof APIError && typeof error.status === "number") {
    const failure: ModelFailure = new ChatModelError(`the model server answered HTTP ${error.status}`, "http", { cause: error });
    failure.status = error.status;
    failure.retryAfterMs = retryAfterMs(error.headers);
    return failure;
  }
  // An error event inside a 200 stream (`data: {"error": ...}`) has no status.
  if (error instanceof APIError && error.error) {
    return new ChatModelError(`the model server reported an error mid-stream: ${error.message}`, "network", { cause: error });
  }
  if (error instanceof APIError) return new ChatModelError(`could not reach the model server: ${error.message}`, "network", { cause: error });
  // Anything else (a broken stream, JSON that is not a chat completion) is the server talking nonsense;
  // it is retried like a network fault, since a proxy cutting the stream looks just the same.
  return new ChatModelError(`the model server sent something that is not a chat completion: ${errorMessage(error)}`, "network", { cause: error });
}

function timeoutError(timeoutMs: number, cause?: unknown): ChatModelError {
  // "30 s" for the default, "0.3 s" for the short timeouts tests use.
  const seconds = timeoutMs >= 10_000 ? Math.round(timeoutMs / 1000) : Number((timeoutMs / 1000).toFixed(1));
  return new ChatModelError(`the model server did not answer within ${seconds} s`, "timeout", cause === undefined ? undefined : { cause });
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
