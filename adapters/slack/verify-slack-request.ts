import { createHmac, timingSafeEqual } from "node:crypto";

/** Slack rejects requests older than five minutes; so do we, in both directions (clock skew or replay). */
export const MAX_REQUEST_AGE_SECONDS = 5 * 60;

export interface VerifySlackRequestOptions {
  signingSecret: string;
  /** The raw body exactly as received: the signature covers bytes, not a re-serialized object. */
  body: string;
  /** The `x-slack-signature` header: `v0=<hex>`. */
  signature: string | string[] | undefined;
  /** The `x-slack-request-timestamp` header: seconds since the epoch. */
  timestamp: string | string[] | undefined;
  /** Injectable clock for tests. */
  nowMilliseconds?: number;
}

export class SlackRequestError extends Error {
  override name = "SlackRequestError";
}

/**
 * Checks that a request comes from Slack: `v0=` HMAC-SHA256 of `v0:<timestamp>:<body>` with the signing
 * secret, sent within the last five minutes. Fails with one plain sentence per rule.
 */
export function verifySlackRequest(options: VerifySlackRequestOptions): void {
  const { signature, timestamp } = options;
  if (typeof timestamp !== "string" || !/^\d{1,12}$/.test(timestamp))
    throw new SlackRequestError("the x-slack-request-timestamp header is missing or not a number");
  if (typeof signature !== "string" || !signature.startsWith("v0="))
    throw new SlackRequestError("the x-slack-signature header is missing or not a v0 signature");
  const now = Math.floor((options.nowMilliseconds ?? Date.now()) / 1000);
  if (Math.abs(now - Number(timestamp)) > MAX_REQUEST_AGE_SECONDS) throw new SlackRequestError("request is stale");
  const expected = Buffer.from(`v0=${createHmac("sha256", options.signingSecret).update(`v0:${timestamp}:${options.body}`).digest("hex")}`);
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new SlackRequestError("signature mismatch");
}
