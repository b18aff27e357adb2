import { ServerResponse, type IncomingMessage } from "node:http";
import { Activity } from "@microsoft/agents-activity";
import type { CloudAdapter, Request, TurnContext, WebResponse } from "@microsoft/agents-hosting";
import { z } from "zod";
import { isLoopback } from "../../src/server/is-loopback.ts";
import type { Logger } from "../../src/logger.ts";
import { createPostRoute } from "../../src/server/create-post-route.ts";
import { sendJson, type HttpRoute } from "../../src/server/http-route.ts";

export const MESSAGES_PATH = "/api/messages";
/** Teams messages are at most ~100 KB with cards; anything larger is not from Teams. */
export const BODY_LIMIT = 256 * 1024;

/**
 * The fields the bot needs before its logic runs: without a service URL there is nowhere to reply, and
 * an answer 400 tells the sender its request was bad where the SDK would fail later with a 500.
 */
const activitySchema = z.looseObject({
  type: z.string().min(1),
  channelId: z.string().min(1),
  serviceUrl: z.string().regex(/^https?:\/\/\S+$/i, "must be an http(s) URL"),
  conversation: z.looseObject({ id: z.string().min(1) }),
  from: z.looseObject({ id: z.string().min(1) }),
  recipient: z.looseObject({ id: z.string().min(1) }),
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
  adapter: CloudAdapter;
  logic: (context: TurnContext) => Promise<void>;
  logger: Logger;
  /** True when MicrosoftAppId is set: every request must then carry a valid Bot Framework token. */
  authenticated: boolean;
  /** Told when a request starts and when its response is done, so answers can wait for acknowledgements. */
  onRequest?: { started(): void; finished(): void };
  /** Runs the SDK's turn for an acknowledged message later, once the burst it came in is acknowledged. */
  defer?: (work: () => void) => void;
}

/**
 * `/api/messages` on the shared server. With an app id, the Agents SDK's JWT middleware checks the token
 * first (401), before the body is even read. Then we read and check the body ourselves (size limit →
 * 413, bad JSON or a body that is no activity → 400) and hand the SDK's CloudAdapter the parsed activity:
 * it runs the turn and writes the status (and an invoke's body) back. A message, whose response carries
 * nothing, is acknowledged first and its turn deferred (`defer`).
 */
export function createMessagesRoute({ adapter, logic, logger, authenticated, onRequest, defer }: MessagesRouteOptions): HttpRoute {
  // The SDK's JWT middleware marks the request it checked; the turn must run on that same request.
  const checked = new WeakMap<IncomingMessage, Request>();
  return createPostRoute({
    path: MESSAGES_PATH,
    bodyLimit: BODY_LIMIT,
    onRequest,
    async admit(req, res) {
      const request: Request = { method: "POST", headers: req.headers };
      checked.set(req, request);
      if (!authenticated) return true;
      // A token that is not RS256 can never pass the SDK's check, which would first fetch Microsoft's
      // signing keys to find that out: refused here, at no cost (scanners probe this path).
      if (!isRs256Bearer(req.headers.authorization)) {
        sendJson(res, 401, { error: "Unauthorized Access. Request is not authorized" });
        return false;
      }
      let authorized = false;
      await adapter.authorizeRequest(request, toWebResponse(res, logger), () => {
        authorized = true;
      });
      return authorized;
    },
    async handle(req, res, raw) {
      const request = checked.get(req)!;
      let body: unknown;
      try {
        body = JSON.parse(raw.toString("utf8"));
      } catch {
        sendJson(res, 400, { error: "the request body is not valid JSON" });
        return;
      }
      const parsed = activitySchema.safeParse(body);
      if (!parsed.success) {
        sendJson(res, 400, {
          error: `not a Bot Framework activity: ${parsed.error.issues.map((i) => `${i.path.join(".") || "body"} ${i.message}`).join("; ")}`,
        });
        return;
      }
      // Without authentication anyone can post an activity, and the bot replies to its serviceUrl: only
      // this machine may be named there, or the bot would carry answers to any host it is told to.
      if (!authenticated && !isLoopback(new URL(parsed.data.serviceUrl).hostname)) {
        logger.warn({ serviceUrl: parsed.data.serviceUrl }, "refused an unauthenticated activity whose serviceUrl is not this machine (set MicrosoftAppId)");
        sendJson(res, 403, { error: "without MicrosoftAppId, only a serviceUrl on this machine is accepted" });
        return;
      }
      request.body = parsed.data;
      if (defer && parsed.data.type === "message" && parsed.data.deliveryMode !== "expectReplies") {
        // A message needs no response body: acknowledged now, with the SDK's turn (its own parsing, a connector
        // client, the handler's first steps) run once the burst it came in is acknowledged, as Slack's events are.
        // The SDK's stricter schema is still checked first, so its refusal stays a 400.
        try {
          Activity.fromObject(parsed.data);
        } catch (error) {
          if (refusedBySchema(res, error)) return;
          throw error;
        }
        res.writeHead(200).end();
        defer(() => {
          adapter
            .process(request, toWebResponse(new ServerResponse(req), logger), logic)
            .catch((error: unknown) => logger.error({ err: error }, "the Agents SDK could not process an activity"));
        });
        return;
      }
      const response = toWebResponse(res, logger);
      try {
        await adapter.process(request, response, logic);
      } catch (error) {
        if (refusedBySchema(res, error)) return;
        logger.error({ err: error }, "the Agents SDK could not process an activity");
        response.status(500).end();
      }
    },
  });
}

/**
 * The SDK's activity schema is stricter than ours in places (an empty id, say): it throws where it parses the
 * body, before any turn ran. That is the sender's mistake, a 400 (true: answered); anything else is ours.
 */
function refusedBySchema(res: ServerResponse, error: unknown): boolean {
  if (!(error instanceof Error && error.name === "ZodError")) return false;
  const issues = (error as Error & { issues?: { path: (string | number)[]; message: string }[] }).issues ?? [];
  sendJson(res, 400, { error: `not a Bot Framework activity: ${issues.map((i) => `${i.path.join(".") || "body"} ${i.message}`).join("; ")}` });
  return true;
}

function isRs256Bearer(authorization: string | undefined): boolean {
  const token = /^Bearer (\S+)$/i.exec(authorization ?? "")?.[1];
  if (!token) return false;
  try {
    return (JSON.parse(Buffer.from(token.split(".")[0]!, "base64url").toString("utf8")) as { alg?: unknown }).alg === "RS256";
  } catch {
    return false;
  }
}

/** The small response interface the SDK writes to (status, setHeader, send, end) over Node's own. */
function toWebResponse(res: ServerResponse, logger: Logger): WebResponse {
  let status = 200;
  const write = (body: unknown) => {
    if (res.writableEnded) return;
    // A server error's detail stays in our log, not on the wire.
    if (status >= 500) {
      logger.error({ status }, "Teams request failed");
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
  };
  const response: WebResponse = {
    get headersSent() {
      return res.headersSent;
    },
    get writableEnded() {
      return res.writableEnded;
    },
    status(code) {
      status = code;
      return response;
    },
    setHeader(name, value) {
      if (!res.headersSent) res.setHeader(name, value);
      return response;
    },
    // The JWT middleware sends its 401 without calling end(): sending is the last write.
    send(body) {
      write(body);
      return response;
    },
    end() {
      write(undefined);
      return response;
    },
  };
  return response;
}
