import type { ServerResponse } from "node:http";
import type { CloudAdapter, TurnContext } from "botbuilder";
import { z } from "zod";
import { isLoopback } from "../../src/server/is-loopback.ts";
import type { Logger } from "../../src/logger.ts";
import { createPostRoute } from "../../src/server/create-post-route.ts";
import { sendJson, type HttpRoute } from "../../src/server/http-route.ts";

export const MESSAGES_PATH = "/api/messages";
/** Teams messages are at most ~100 KB with cards; anything larger is not from Teams. */
export const BODY_LIMIT = 256 * 1024;

/**
 * The fields botbuilder relies on before our logic runs: without them CloudAdapter fails with a 500
 * (no service URL to build a connector for) instead of telling the sender its request was bad.
 */
const activitySchema = z.looseObject({
  type: z.string().min(1),
  channelId: z.string().min(1),
  serviceUrl: z.string().regex(/^https?:\/\/\S+$/i, "must be an http(s) URL"),
  conversation: z.looseObject({ id: z.string().min(1) }),
  from: z.looseObject({ id: z.string().min(1) }),
  recipient: z.looseObject({ id: z.string().min(1) }),
  // Optional fields botbuilder reads without checking their type (an invoke whose `name` is a number
  // made it throw): when present, they must have the documented shape.
  id: z.string().optional(),
  name: z.string().optional(),
  replyToId: z.string().optional(),
  text: z.string().optional(),
  locale: z.string().optional(),
  timestamp: z.string().optional(),
  entities: z.array(z.looseObject({ type: z.string() })).optional(),
  attachments: z.array(z.looseObject({})).optional(),
  channelData: z.looseObject({}).optional(),
});

export interface MessagesRouteOptions {
  botAdapter: CloudAdapter;
  logic: (context: TurnContext) => Promise<void>;
  logger: Logger;
  /** True when MicrosoftAppId is set: every request must then carry a Bot Framework token. */
  authenticated: boolean;
  /** Told when a request starts and when its response is done, so answers can wait for acknowledgements. */
  onRequest?: { started(): void; finished(): void };
}

/**
 * `/api/messages` on the shared server. We read and parse the body ourselves (size limit → 413, bad
 * JSON or a body that is no activity → 400), then hand botbuilder the parsed activity: it checks the
 * Bot Framework token (401), runs the turn, and writes the status (and an invoke's body) back.
 */
export function createMessagesRoute({ botAdapter, logic, logger, authenticated, onRequest }: MessagesRouteOptions): HttpRoute {
  return createPostRoute({
    path: MESSAGES_PATH,
    bodyLimit: BODY_LIMIT,
    onRequest,
    admit(req, res) {
      // Without a bearer token there is nothing to validate: 401 as botbuilder would answer, minus the
      // stack trace it prints for each one (scanners probe this path).
      if (!authenticated || /^Bearer \S+$/i.test(req.headers.authorization ?? "")) return true;
      sendJson(res, 401, { error: "Unauthorized Access. Request is not authorized" });
      return false;
    },
    async handle(req, res, raw) {
      let body: unknown;
      try {
        body = JSON.parse(raw.toString("utf8"));
      } catch {
        sendJson(res, 400, { error: "the request body is not valid JSON" });
        return;
      }
      const parsed = activitySchema.safeParse(body);
      if (!parsed.success) {
        sendJson(res, 400, { error: `not a Bot Framework activity: ${parsed.error.issues.map((i) => `${i.path.join(".") || "body"} ${i.message}`).join("; ")}` });
        return;
      }
      // Without authentication anyone can post an activity, and the bot replies to its serviceUrl: only
      // this machine may be named there, or the bot would carry answers to any host it is told to.
      if (!authenticated && !isLoopback(new URL(parsed.data.serviceUrl).hostname)) {
        logger.warn({ serviceUrl: parsed.data.serviceUrl }, "refused an unauthenticated activity whose serviceUrl is not this machine (set MicrosoftAppId)");
        sendJson(res, 403, { error: "without MicrosoftAppId, only a serviceUrl on this machine is accepted" });
        return;
      }
      await botAdapter.process({ method: "POST", headers: req.headers, body: parsed.data }, toBotResponse(res, logger), logic);
    },
  });
}

/** The small response interface botbuilder writes to (status, header, send, end) over Node's own. */
function toBotResponse(res: ServerResponse, logger: Logger) {
  let status = 200;
  let body: unknown;
  const response = {
    // Part of botbuilder's interface (for web socket upgrades, which this endpoint does not offer).
    socket: res.socket as unknown,
    status(code: number) {
      status = code;
      return response;
    },
    header(name: string, value: unknown) {
      res.setHeader(name, String(value));
      return response;
    },
    send(...content: unknown[]) {
      body = content[0];
      return response;
    },
    end() {
      if (res.writableEnded) return response;
      // botbuilder puts the error's own message in a 500; that stays in our log, not on the wire.
      if (status === 500) {
        logger.error({ status, detail: typeof body === "string" ? body : undefined }, "Bot Framework could not process an activity");
        sendJson(res, status, { error: "internal error" });
      } else if (body === undefined || body === null || body === "") {
        res.writeHead(status, { "content-length": 0 });
        res.end();
      } else if (typeof body === "string" || Buffer.isBuffer(body)) {
        res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "content-length": Buffer.byteLength(body) });
        res.end(body);
      } else {
        sendJson(res, status, body);
      }
      return response;
    },
  };
  return response;
}
