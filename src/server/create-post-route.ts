import type { IncomingMessage, ServerResponse } from "node:http";
import { readBody, sendJson, type HttpRoute } from "./http-route.ts";

export interface PostRouteOptions {
  path: string;
  /** Largest body accepted; beyond it the request gets 413 before the rest is read. */
  bodyLimit: number;
  /**
   * Told when a platform request starts and when its response is done (the shared ack-first scheduler),
   * so that no answer starts while a request still waits for its acknowledgement.
   */
  onRequest?: { started(): void; finished(): void };
  /** Checks that need no body (the bearer token): resolves false when it already answered the request. */
  admit?(req: IncomingMessage, res: ServerResponse): boolean | Promise<boolean>;
  handle(req: IncomingMessage, res: ServerResponse, body: Buffer): void | Promise<void>;
}

/**
 * A platform's webhook on the shared server, in one order for every platform: only POST (405 with
 * `allow`), the request counted as waiting for its ack, the body-free checks, then the body read up to
 * its limit (413; 400 for a body that cannot be read) and handed over.
 */
export function createPostRoute(options: PostRouteOptions): HttpRoute {
  return {
    path: options.path,
    async handle(req, res) {
      if (req.method !== "POST") {
        res.setHeader("allow", "POST");
        sendJson(res, 405, { error: "use POST" });
        return;
      }
      if (options.onRequest) {
        const { started, finished } = options.onRequest;
        started();
        res.once("close", () => finished());
      }
      if (options.admit && !(await options.admit(req, res))) return;
      let body: Buffer;
      try {
        body = await readBody(req, options.bodyLimit);
      } catch (error) {
        const tooLarge = (error as { statusCode?: number }).statusCode === 413;
        sendJson(res, tooLarge ? 413 : 400, { error: tooLarge ? "request body too large" : (error as Error).message });
        return;
      }
      await options.handle(req, res, body);
    },
  };
}
