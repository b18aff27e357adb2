import { setTimeout as sleep } from "node:timers/promises";
import { graphAccessToken, forgetGraphToken, type GraphCredentials } from "./graph-access-token.ts";

export type { GraphCredentials } from "./graph-access-token.ts";

export interface GraphClientOptions extends GraphCredentials {
  /** Tries per request when Graph throttles (429) or is briefly unavailable (503, 504); default 6. */
  maxAttempts?: number;
  /** The longest wait a Retry-After may impose before we try again (default 60 s): a sync slows down, it never hangs. */
  maxRetryAfterMs?: number;
  /** Per request, body included (default 30 s). */
  timeoutMs?: number;
  /** Files larger than this (by their Content-Length) are not downloaded (default 100 MB). */
  maxDownloadBytes?: number;
  /** Told about every throttled request, so the caller can log it. */
  onThrottled?: (info: { url: string; status: number; waitMs: number }) => void;
  fetch?: typeof fetch;
}

export interface GraphClient {
  /** A JSON resource; a path is appended to the API's base URL, an absolute URL (a nextLink) is used as is. */
  getJson<T>(pathOrUrl: string, headers?: Record<string, string>): Promise<T>;
  /** Every item of a collection, following `@odata.nextLink` to the end. */
  getAllPages<T>(pathOrUrl: string, headers?: Record<string, string>): Promise<T[]>;
  /** A file's bytes from `/content`: the 302 to its pre-authenticated download URL is followed without our token. */
  download(path: string): Promise<Buffer>;
}

/** A Graph answer that is not a success, with Graph's own error code (`itemNotFound`, `resyncRequired`…). */
export class GraphError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null,
    /** The `Location` header, which a 410 on a delta link carries to restart the enumeration. */
    readonly location: string | null = null,
  ) {
    super(message);
    this.name = "GraphError";
  }
}

const RETRIED_STATUSES = new Set([429, 503, 504]);

/** How one client reaches Graph, settled once. */
interface GraphConnection {
  options: GraphClientOptions;
  base: string;
  origin: string;
  doFetch: typeof fetch;
  maxAttempts: number;
  maxRetryAfterMs: number;
  timeoutMs: number;
  maxDownloadBytes: number;
}

/**
 * Microsoft Graph with an app's client-credentials token: polite (429/503 wait for Retry-After, capped, then
 * retry), and careful with the token (sent only to the API's own origin; a 401 refetches it once, for a token
 * revoked or expired early). Knows nothing of drives or users: the callers do.
 */
export function createGraphClient(options: GraphClientOptions): GraphClient {
  const base = options.apiUrl.replace(/\/+$/, "");
  const connection: GraphConnection = {
    options,
    base,
    origin: new URL(base).origin,
    doFetch: options.fetch ?? fetch,
    maxAttempts: options.maxAttempts ?? 6,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 60_000,
    timeoutMs: options.timeoutMs ?? 30_000,
    maxDownloadBytes: options.maxDownloadBytes ?? 100 * 2 ** 20,
  };
  return {
    getJson: <T>(pathOrUrl: string, headers?: Record<string, string>) => getJson<T>(connection, pathOrUrl, headers),
    getAllPages: <T>(pathOrUrl: string, headers?: Record<string, string>) => getAllPages<T>(connection, pathOrUrl, headers),
    download: (path: string) => download(connection, path),
  };
}

function urlOf({ base, origin }: GraphConnection, pathOrUrl: string): string {
  const url = /^https?:\/\//i.test(pathOrUrl) ? pathOrUrl : `${base}${pathOrUrl.startsWith("/") ? "" : "/"}${pathOrUrl}`;
  // A nextLink or deltaLink pointing elsewhere must not receive our token.
  if (new URL(url).origin !== origin) throw new GraphError(`Graph sent a link outside ${origin}: ${new URL(url).origin}`, 0, null);
  return url;
}

/** One request with the token, retried while throttled; the response is returned whatever its status. */
async function send(connection: GraphConnection, url: string, init: { headers?: Record<string, string>; redirect?: RequestRedirect }): Promise<Response> {
  const { options, doFetch, timeoutMs } = connection;
  let refreshedToken = false;
  for (let attempt = 1; ; attempt++) {
    const token = await graphAccessToken(options, doFetch);
    let response: Response;
    try {
      response = await doFetch(url, {
        headers: { accept: "application/json", ...init.headers, authorization: `Bearer ${token}` },
        redirect: init.redirect ?? "follow",
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw unreachable(error, connection.origin, timeoutMs);
    }
    if (response.status === 401 && !refreshedToken) {
      await response.body?.cancel();
      forgetGraphToken(options, token);
      refreshedToken = true;
      continue;
    }
    if (!RETRIED_STATUSES.has(response.status) || attempt >= connection.maxAttempts) return response;
    await response.body?.cancel();
    const waitMs = retryDelayMs(response.headers.get("retry-after"), attempt, connection.maxRetryAfterMs);
    options.onThrottled?.({ url, status: response.status, waitMs });
    await sleep(waitMs);
  }
}

async function getJson<T>(connection: GraphConnection, pathOrUrl: string, headers?: Record<string, string>): Promise<T> {
  const url = urlOf(connection, pathOrUrl);
  const response = await send(connection, url, { headers });
  if (!response.ok) throw await graphError(response, url);
  return (await response.json()) as T;
}

async function getAllPages<T>(connection: GraphConnection, pathOrUrl: string, headers?: Record<string, string>): Promise<T[]> {
  const items: T[] = [];
  let next: string | undefined = pathOrUrl;
  while (next) {
    const page: { value?: T[]; "@odata.nextLink"?: string } = await getJson(connection, next, headers);
    items.push(...(page.value ?? []));
    next = page["@odata.nextLink"];
  }
  return items;
}

async function download(connection: GraphConnection, path: string): Promise<Buffer> {
  const url = urlOf(connection, path);
  const response = await send(connection, url, { redirect: "manual" });
  if (response.status >= 300 && response.status < 400) return downloadRedirected(connection, response, url, path);
  if (!response.ok) throw await graphError(response, url);
  return Buffer.from(await response.arrayBuffer());
}

/** The download URL is pre-authenticated for a short while: it gets no Authorization header. */
async function downloadRedirected(connection: GraphConnection, response: Response, url: string, path: string): Promise<Buffer> {
  const { doFetch, timeoutMs, maxDownloadBytes } = connection;
  await response.body?.cancel();
  const location = response.headers.get("location");
  if (!location) throw new GraphError(`${url} answered ${response.status} without a Location`, response.status, null);
  const target = new URL(location, url);
  const file = await doFetch(target, { signal: AbortSignal.timeout(timeoutMs) }).catch((error: unknown) => {
    throw unreachable(error, target.origin, timeoutMs);
  });
  if (!file.ok) throw new GraphError(`downloading ${path} failed: HTTP ${file.status}`, file.status, null);
  if (Number(file.headers.get("content-length") ?? 0) > maxDownloadBytes) {
    await file.body?.cancel();
    throw new GraphError(`the file is larger than ${Math.round(maxDownloadBytes / 2 ** 20)} MB, too large to index`, 413, null);
  }
  return Buffer.from(await file.arrayBuffer());
}

/** Retry-After in seconds or as an HTTP date; without it, 1 s, 2 s, 4 s…; never more than the cap. */
export function retryDelayMs(retryAfter: string | null, attempt: number, capMs: number): number {
  let ms = 1000 * 2 ** (attempt - 1);
  if (retryAfter && /^\d+(\.\d+)?$/.test(retryAfter.trim())) ms = Number(retryAfter) * 1000;
  else if (retryAfter && Number.isFinite(Date.parse(retryAfter))) ms = Date.parse(retryAfter) - Date.now();
  return Math.min(capMs, Math.max(0, ms));
}

/** Node's fetch says only "fetch failed"; the reason (ECONNREFUSED, a timeout) is in its cause. */
function unreachable(error: unknown, origin: string, timeoutMs: number): GraphError {
  const name = (error as Error).name;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const reason = name === "TimeoutError" ? `no answer within ${timeoutMs} ms` : (cause?.code ?? cause?.message ?? (error as Error).message);
  return new GraphError(`could not reach Microsoft Graph at ${origin} (${reason})`, 0, null);
}

async function graphError(response: Response, url: string): Promise<GraphError> {
  let code: string | null = null;
  let message = "";
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string } };
    code = body.error?.code ?? null;
    message = body.error?.message ?? "";
  } catch {
    // Not JSON: the status says enough.
  }
  const path = url.replace(/^https?:\/\/[^/]+/, "").replace(/\?.*$/, "");
  return new GraphError(
    `Graph ${path} answered HTTP ${response.status}${code ? ` (${code}${message ? `: ${message}` : ""})` : ""}`,
    response.status,
    code,
    response.headers.get("location"),
  );
}
