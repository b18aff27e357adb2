import OpenAI, { APIError, APIUserAbortError } from "openai";
import type { Logger } from "../logger.ts";
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

/**
 * A chat model behind any OpenAI-compatible server (OpenAI, Azure OpenAI, Ollama, vLLM, llama.cpp),
 * always streamed. Retries are ours, not the SDK's: a retry after text was already streamed to the user
 * would repeat it, so only an attempt that produced nothing is tried again.
 */
export function createOpenAIChatModel(options: OpenAIChatModelOptions): ChatModel {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const retries = options.retries ?? 1;
  // Local servers need no key, but the SDK insists on one.
  const client = new OpenAI({ apiKey: options.apiKey ?? "not-needed", baseURL: options.baseURL, maxRetries: 0, timeout: timeoutMs });
  const { logger } = options;

  async function attempt(messages: ChatMessage[], complete: CompleteOptions, streamed: { any: boolean }): Promise<string> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new ChatModelError(`the model server did not answer within ${Math.round(timeoutMs / 1000)} s`, "timeout")), timeoutMs);
    const onOuterAbort = () => controller.abort(complete.signal?.reason);
    complete.signal?.addEventListener("abort", onOuterAbort, { once: true });
    try {
      const stream = await client.chat.completions.create(
        { model: options.model, messages, stream: true, temperature: complete.temperature, max_tokens: complete.maxTokens },
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
      // An aborted stream may simply end instead of throwing.
      if (controller.signal.aborted) throw controller.signal.reason;
      if (!text.trim()) throw new ChatModelError("the model server sent an empty reply", "empty");
      return text;
    } catch (error) {
      throw toChatModelError(error, controller.signal, timeoutMs);
    } finally {
      clearTimeout(timer);
      complete.signal?.removeEventListener("abort", onOuterAbort);
    }
  }

  return {
    name: options.model,
    async complete(messages, complete = {}) {
      const streamed = { any: false };
      for (let attemptNo = 0; ; attemptNo++) {
        const started = performance.now();
        try {
          const text = await attempt(messages, complete, streamed);
          logger.debug({ model: options.model, attempt: attemptNo + 1, ms: Math.round(performance.now() - started) }, "model answered");
          return text;
        } catch (error) {
          const failure = error as ModelFailure;
          const retryable = !complete.signal?.aborted && !streamed.any && attemptNo < retries && isRetryable(failure);
          if (!retryable) throw failure;
          logger.warn({ model: options.model, attempt: attemptNo + 1, err: failure.message }, "model call failed; retrying once");
          await new Promise((r) => setTimeout(r, Math.min(2000, failure.retryAfterMs ?? 250 * (attemptNo + 1))));
        }
      }
    },
  };
}

type ModelFailure = ChatModelError & { status?: number; retryAfterMs?: number };

function isRetryable(error: ModelFailure): boolean {
  if (error.kind === "http") return error.status === 429 || (error.status ?? 0) >= 500;
  return true;
}

function toChatModelError(error: unknown, signal: AbortSignal, timeoutMs: number): ModelFailure {
  if (error instanceof ChatModelError) return error;
  if (signal.aborted && signal.reason instanceof ChatModelError) return signal.reason;
  if (error instanceof APIUserAbortError || signal.aborted) {
    return new ChatModelError(`the model server did not answer within ${Math.round(timeoutMs / 1000)} s`, "timeout", { cause: error });
  }
  if (error instanceof APIError && typeof error.status === "number") {
    const failure: ModelFailure = new ChatModelError(`the model server answered HTTP ${error.status}`, "http", { cause: error });
    failure.status = error.status;
    const retryAfter = Number(error.headers?.get?.("retry-after"));
    if (Number.isFinite(retryAfter) && retryAfter > 0) failure.retryAfterMs = retryAfter * 1000;
    return failure;
  }
  if (error instanceof APIError) return new ChatModelError(`could not reach the model server: ${error.message}`, "network", { cause: error });
  // Anything else (a broken stream, JSON that is not a chat completion) is the server talking nonsense.
  return new ChatModelError(`the model server sent something that is not a chat completion: ${(error as Error)?.message ?? error}`, "network", { cause: error });
}
