import { setTimeout as sleep } from "node:timers/promises";
import { SourceError } from "../source-reader.ts";

export interface ConfluenceClientOptions {
  /** The site's base URL, e.g. `https://acme.atlassian.net/wiki`; REST paths are appended to it. */
  baseUrl: string;
  email: string;
  token: string;
  /** Names of the variables the credentials came from, for the message when Confluence refuses them. */
  credentialNames: string;
  /** Longest wait for one Retry-After (default 60 s): a longer one is waited out in steps of this. */
  maxRetryAfterMs?: number;
  /** Attempts per request while Confluence throttles or fails with 5xx (default 6). */
  attempts?: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Hears every wait for a rate limit (for logs and tests). */
  onThrottled?: (waitMs: number, path: string) => void;
}

export interface ConfluenceClient {
  /** GET of a REST path (`/api/v2/…`, `/rest/api/…`) or of a `_links.next` link, as parsed JSON. */
  get<T>(pathOrLink: string, query?: Record<string, string | number | undefined>): Promise<T>;
  /** Requests made so far, for the sync's log line. */
  readonly requests: number;
}

const DEFAULT_MAX_RETRY_AFTER_MS = 60_000;
const DEFAULT_ATTEMPTS = 6;

/**
 * Confluence Cloud's REST API with basic auth (account email and API token), politely: a 429 or 503 is
 * waited out as its Retry-After says (capped; 1, 2, 4… s when it says nothing) and retried, so a throttled
 * site slows a sync down rather than failing it. The credentials go into the Authorization header only,
 * never into a message or a URL.
 */
export function createConfluenceClient(options: ConfluenceClientOptions): ConfluenceClient {
  const base = options.baseUrl.replace(/\/+$/, "");
  const authorization = `Basic ${Buffer.from(`${options.email}:${options.token}`).toString("base64")}`;
  const doFetch = options.fetch ?? fetch;
  const maxWait = options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
  const attempts = options.attempts ?? DEFAULT_ATTEMPTS;
  let requests = 0;

  const urlFor = (pathOrLink: string, query?: Record<string, string | number | undefined>) => {
    // `_links.next` is a path from the site's root (`/wiki/api/v2/…?cursor=…`); REST paths hang off the base URL.
    const url = pathOrLink.startsWith("/api/") || pathOrLink.startsWith("/rest/") ? new URL(`${base}${pathOrLink}`) : new URL(pathOrLink, `${base}/`);
    for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
    return url;
  };

  return {
    get requests() {
      return requests;
    },
    async get<T>(pathOrLink: string, query?: Record<string, string | number | undefined>): Promise<T> {
      const url = urlFor(pathOrLink, query);
      const shown = `${url.pathname}`;
      for (let attempt = 1; ; attempt++) {
        requests++;
        let response: Response;
        try {
          response = await doFetch(url, {
            headers: { authorization, accept: "application/json" },
            signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
          });
        } catch (error) {
          if (attempt >= attempts) throw new Error(`Confluence could not be reached at ${url.origin} (${(error as Error).message})`);
          await sleep(backoff(attempt));
          continue;
        }
        if (response.ok) return (await response.json()) as T;
        await response.body?.cancel().catch(() => {});
        if ((response.status === 429 || response.status >= 500) && attempt < attempts) {
          const wait = Math.min(retryAfterMs(response.headers.get("retry-after")) ?? backoff(attempt), maxWait);
          options.onThrottled?.(wait, shown);
          await sleep(wait);
          continue;
        }
        if (response.status === 401) throw new SourceError(`Confluence refused the credentials (HTTP 401): check ${options.credentialNames}`);
        if (response.status === 403)
          throw new SourceError(`Confluence denied access to ${shown} (HTTP 403): the account behind ${options.credentialNames} lacks permission`);
        throw new Error(`Confluence answered HTTP ${response.status} for ${shown}`);
      }
    },
  };
}

function backoff(attempt: number): number {
  return Math.min(1000 * 2 ** (attempt - 1), 30_000);
}

/** Retry-After in seconds or as an HTTP date; null when absent or unreadable. */
function retryAfterMs(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}
