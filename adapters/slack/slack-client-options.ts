import type { Logger as BoltLogger, webApi } from "@slack/bolt";

const DEFAULT_SLACK_API_URL = "https://slack.com/api/";

/** `SLACK_API_URL` as the Web client wants it: ending in `/api/` (`http://127.0.0.1:3001` works too). */
export function normalizeSlackApiUrl(url: string | undefined): string {
  if (!url) return DEFAULT_SLACK_API_URL;
  const base = url.replace(/\/+$/, "");
  return `${base.endsWith("/api") ? base : `${base}/api`}/`;
}

/**
 * One Web client configuration for every call. A 429 waits for Slack's Retry-After and tries again
 * (`rejectRateLimitedCalls: false`); a 500 or a network error gets a quick retry. The client counts a
 * waited-out 429 as a retry too, so three retries (within 20 s) let an answer survive two rate limits in
 * a row, after which the caller logs and falls back. A hung connection gives up after 15 s.
 */
export function slackClientOptions(apiUrl: string | undefined, logger: BoltLogger): webApi.WebClientOptions {
  return {
    slackApiUrl: normalizeSlackApiUrl(apiUrl),
    logger,
    rejectRateLimitedCalls: false,
    retryConfig: { retries: 3, factor: 2, minTimeout: 250, maxTimeout: 1000, maxRetryTime: 20_000, randomize: false },
    timeout: 15_000,
  };
}
