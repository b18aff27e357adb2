import type { Logger } from "../logger.ts";

/** Retry-After in seconds or as a date, or the non-standard retry-after-ms that OpenAI sends. */
export function retryAfterMs(headers: Headers | undefined): number | undefined {
  const msValue = headers?.get("retry-after-ms");
  const ms = msValue ? Number(msValue) : NaN;
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers?.get("retry-after");
  if (!value) return undefined;
  const seconds = Number(value);
  const wait = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - Date.now();
  return Number.isFinite(wait) && wait >= 0 ? wait : undefined;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Routes the SDK's log calls to ours, at debug: they are details of failures we report ourselves. */
export function sdkLogger(logger: Logger) {
  const log = (message: string, ...rest: unknown[]) =>
    logger.debug({ component: "openai", details: rest.map((item) => (typeof item === "string" ? item.slice(0, 300) : item)) }, message);
  return { error: log, warn: log, info: log, debug: log };
}
