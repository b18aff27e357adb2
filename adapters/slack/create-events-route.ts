import { ServerResponse, type IncomingMessage } from "node:http";
import type { Logger } from "../../src/logger.ts";
import { createPostRoute } from "../../src/server/create-post-route.ts";
import { sendJson, type HttpRoute } from "../../src/server/http-route.ts";
import { readSlackPayload, SlackPayloadError, type SlackPayload } from "./read-slack-payload.ts";
import { verifySlackRequest } from "./verify-slack-request.ts";

/** Slack's payloads are small; a message's blocks stay far below this. */
const BODY_LIMIT = 1024 * 1024;

export interface EventsRouteOptions {
  path: string;
  signingSecret: string;
  /** Bolt's HTTPReceiver.requestListener: gets the request once it is verified and well formed. */
  requestListener: (req: IncomingMessage, res: ServerResponse) => void;
  logger: Logger;
  now?: () => number;
  /** Why events cannot be handled yet (the app is not connected to Slack), or null when they can. */
  notReady?: () => string | null;
  /** Told when a request starts and when its response is done, so answers can wait for acknowledgements. */
  onRequest?: { started(): void; finished(): void };
  /** Runs Bolt's handling of an acknowledged event later, once the burst it came in is acknowledged. */
  defer: (work: () => void) => void;
}

/**
 * `/slack/events` on the shared server. Verifies the signature (401) and the body's shape (400) before
 * Bolt sees anything, then hands Bolt the request with its body already read (Bolt reuses `rawBody`).
 * Bolt verifies again, which costs one HMAC and keeps it safe if this route is ever bypassed.
 */
export function createEventsRoute(options: EventsRouteOptions): HttpRoute {
  const { logger } = options;
  return createPostRoute({
    path: options.path,
    bodyLimit: BODY_LIMIT,
    onRequest: options.onRequest,
    handle(req, res, raw) {
      const body = raw.toString("utf8");
      const contentType = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
      // Slack's SSL check carries no signature and needs no answer but 200 (Bolt treats it the same way).
      if (contentType === "application/x-www-form-urlencoded" && new URLSearchParams(body).get("ssl_check") === "1") {
        res.writeHead(200).end();
        return;
      }
      try {
        verifySlackRequest({
          signingSecret: options.signingSecret,
          body,
          signature: req.headers["x-slack-signature"],
          timestamp: req.headers["x-slack-request-timestamp"],
          nowMilliseconds: options.now?.(),
        });
      } catch (error) {
        logger.warn({ reason: (error as Error).message, ip: req.socket.remoteAddress }, "rejected a Slack request that failed verification");
        // X-Slack-No-Retry: a forged or stale request will not verify on a retry either.
        res.writeHead(401, { "x-slack-no-retry": "1" }).end();
        return;
      }
      const notReady = options.notReady?.();
      if (notReady) {
        // Not acknowledged, so Slack delivers the event again later (its retries span about five minutes).
        res.setHeader("retry-after", "30");
        sendJson(res, 503, { error: `Slack is not connected yet: ${notReady}` });
        return;
      }
      let payload: SlackPayload;
      try {
        payload = readSlackPayload(contentType, body);
      } catch (error) {
        if (!(error instanceof SlackPayloadError)) throw error;
        logger.warn({ reason: error.message }, "rejected a malformed Slack request");
        res.setHeader("x-slack-no-retry", "1");
        sendJson(res, 400, { error: error.message });
        return;
      }
      if (payload.kind === "rate_limited") {
        logger.warn("Slack reports that this app exceeded the Events API rate limit; some events are being dropped");
        res.writeHead(200).end();
        return;
      }
      // Bolt compares the content type exactly and reads `rawBody` when it is already there.
      req.headers["content-type"] = contentType;
      Object.assign(req, { rawBody: raw });
      if (payload.kind === "routed" && payload.type === "event_callback") {
        // Events never need a response body: acknowledge now, and let Bolt's middleware (a second HMAC, parsing,
        // the listeners' first steps) run once the burst this event came in is acknowledged too, so a burst of
        // 50 is acked in the time it takes to verify them (bench: p50 36 -> 17 ms). Bolt answers into a detached response.
        res.writeHead(200).end();
        options.defer(() => options.requestListener(req, new ServerResponse(req)));
        return;
      }
      options.requestListener(req, res);
    },
  });
}
