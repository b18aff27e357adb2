/** What a server said a resource was last time: sent back so that an unchanged resource costs a 304. */
export interface Validators {
  etag?: string;
  lastModified?: string;
}

export type FetchOutcome =
  /** 304: the copy we validated is still current. */
  | { status: "unchanged" }
  | { status: "fetched"; bytes: Buffer; contentType: string; validators: Validators; lastModified: number | null }
  /** 404 or 410: the resource no longer exists. */
  | { status: "gone"; code: number }
  /** Anything else: a timeout, a refused connection, a server error; `code` is the HTTP status when there was one. */
  | { status: "failed"; error: string; code?: number };

export interface FetchConditionallyOptions {
  userAgent: string;
  timeoutMs: number;
  /** Validators of the copy we hold; without them the request is an ordinary GET. */
  validators?: Validators;
  accept?: string;
  /** Larger bodies fail rather than fill memory (default 20 MB). */
  maxBytes?: number;
  fetch?: typeof fetch;
}

/**
 * One GET with `If-None-Match`/`If-Modified-Since` when validators are known, bounded by a timeout that
 * covers the body too, so a page that trickles its bytes cannot hold up a sync. Never throws: every way a
 * request can go wrong is an outcome the caller decides about.
 */
export async function fetchConditionally(url: string, options: FetchConditionallyOptions): Promise<FetchOutcome> {
  const { validators = {}, timeoutMs, maxBytes = 20 * 2 ** 20 } = options;
  const headers: Record<string, string> = { "user-agent": options.userAgent, accept: options.accept ?? "*/*" };
  if (validators.etag) headers["if-none-match"] = validators.etag;
  if (validators.lastModified) headers["if-modified-since"] = validators.lastModified;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await (options.fetch ?? fetch)(url, { headers, signal, redirect: "follow" });
    if (response.status === 304) {
      await response.body?.cancel();
      return validators.etag || validators.lastModified
        ? { status: "unchanged" }
        : { status: "failed", error: "HTTP 304 to a request that had no validators", code: 304 };
    }
    if (response.status === 404 || response.status === 410) {
      await response.body?.cancel();
      return { status: "gone", code: response.status };
    }
    if (!response.ok) {
      await response.body?.cancel();
      return { status: "failed", error: `HTTP ${response.status}`, code: response.status };
    }
    const length = Number(response.headers.get("content-length") ?? 0);
    if (length > maxBytes) {
      await response.body?.cancel();
      return { status: "failed", error: `larger than ${Math.round(maxBytes / 2 ** 20)} MB` };
    }
    // Counted while streaming: a chunked response declares no length, and must not fill memory first.
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of response.body ?? []) {
      size += chunk.length;
      if (size > maxBytes) {
        await response.body?.cancel().catch(() => undefined);
        return { status: "failed", error: `larger than ${Math.round(maxBytes / 2 ** 20)} MB` };
      }
      chunks.push(chunk);
    }
    const bytes = Buffer.concat(chunks);
    const etag = response.headers.get("etag") ?? undefined;
    const lastModifiedHeader = response.headers.get("last-modified") ?? undefined;
    const lastModified = lastModifiedHeader ? Date.parse(lastModifiedHeader) : NaN;
    return {
      status: "fetched",
      bytes,
      contentType: response.headers.get("content-type") ?? "",
      validators: { ...(etag ? { etag } : {}), ...(lastModifiedHeader ? { lastModified: lastModifiedHeader } : {}) },
      lastModified: Number.isFinite(lastModified) ? lastModified : null,
    };
  } catch (error) {
    if (signal.aborted) return { status: "failed", error: `timed out after ${timeoutMs} ms` };
    return { status: "failed", error: describeNetworkError(error) };
  }
}

/** Node's fetch reports every network failure as "fetch failed"; the reason is in its cause. */
function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return `could not connect (${cause.code})`;
  if (cause?.message) return cause.message;
  return error instanceof Error ? error.message : String(error);
}
