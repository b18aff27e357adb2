import type { Logger as BoltLogger, webApi } from "@slack/bolt";

export const DEFAULT_SLACK_API_URL = "https://slack.com/api/";

/** `SLACK_API_URL` as the Web client wants it: ending in `/api/` (`http://127.0.0.1:3001` works too). */
export function normalizeSlackApiUrl(url: string | undefined): string {
  if (!url) return DEFAULT_SLACK_API_URL;
  const base = url.replace(/\/+$/, "");
  return `${base.endsWith("/api") ? base : `${base}/api`}/`;
}

/**
 * One Web client configuration for every call. A 429 waits for Slack's Retry-After and tries again
 * (`rejectRateLimitedCalls: false`); a 500 or a network error gets one quick retry, then the caller
 * logs and falls back. A hung connection gives up after 15 s instead of holding an answer forever.
 */
export function slackClientOptions(apiUrl: string | undefined, logger: BoltLogger): webApi.WebClientOptions {
  return {
    slackApiUrl: normalizeSlackApiUrl(apiUrl),
    logger,
    rejectRateLimitedCalls: false,
    retryConfig: { retries: 1, factor: 1, minTimeout: 250, maxTimeout: 1000, randomize: false },
    timeout: 15_000,
  };
}
