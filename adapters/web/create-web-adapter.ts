import { timingSafeEqual } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join, normalize, resolve } from "node:path";
import { z } from "zod";
import type { Adapter, AdapterContext } from "../../src/server/adapter.ts";
import { openEventStream, readJsonBody, sendJson, type HttpRoute } from "../../src/server/http-route.ts";
import { isLoopback } from "../../src/server/is-loopback.ts";
import { answerInThread } from "../../src/core/answer-in-thread.ts";
import { createWebChatReply } from "./create-web-chat-reply.ts";
import { createVerifiedRoutes } from "./create-verified-routes.ts";

// Beside this file in the sources; one level above dist/ when running the build (which copies no assets,
// so the playground's files are never stale).
const PUBLIC_DIR = [resolve(import.meta.dirname, "public"), resolve(import.meta.dirname, "../adapters/web/public")].find((dir) => existsSync(dir))!;
const BODY_LIMIT = 64 * 1024;
const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

const askSchema = z.object({
  text: z.string().trim().min(1, "the question is empty").max(20_000),
  thread: z.string().min(1).max(100),
  user: z.string().min(1).max(100),
});
const feedbackSchema = z.object({
  answerId: z.string().min(1).max(100),
  user: z.string().min(1).max(100),
  rating: z.enum(["up", "down"]).optional(),
  comment: z.string().max(2000).nullable().optional(),
});

// The admin view's knowledge gaps: how to sort them, and how many to list (the query string, not a body).
const gapsQuerySchema = z.object({
  sort: z.enum(["count", "recent"]).default("count"),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

type Handle = HttpRoute["handle"];

/**
 * The local playground: the same core and adapter boundary as Slack and Teams, in a browser. Static
 * assets come from `public/` (no build step); answers stream as server-sent events over a POST.
 */
export async function createWebAdapter(context: AdapterContext): Promise<Adapter | null> {
  if (!context.config.playground) return null;
  const { core } = context;
  const guarded = adminGuard(context.config.adminToken);
  const post = (path: string, handle: Handle): HttpRoute => ({
    path,
    handle: guarded((req, res) => (req.method === "POST" ? handle(req, res) : sendJson(res, 405, { error: "use POST" }))),
  });

  const routes: HttpRoute[] = [
    post("/api/ask", handleAsk(context)),
    post("/api/feedback", handleFeedback(context)),
    { path: "/api/admin/status", handle: guarded(handleStatus(context)) },
    { path: "/api/admin/gaps", handle: guarded(handleGaps(context)) },
    ...createVerifiedRoutes({ verified: core.verified, guarded, parse: parseBody }),
    post("/api/admin/sync", handleSync(context)),
    { path: "/", handle: serveStatic },
  ];

  return { name: "web", routes, banner: "playground: open / in a browser (DOCENT_PLAYGROUND=false turns it off)" };
}

/** The body, read within the size limit and checked by the schema; null once the error is answered. */
async function parseBody<T>(req: IncomingMessage, res: ServerResponse, schema: z.ZodType<T>): Promise<T | null> {
  const raw = await readJsonBody(req, res, BODY_LIMIT);
  if (raw === undefined) return null;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    sendJson(res, 400, { error: parsed.error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`).join("; ") });
    return null;
  }
  return parsed.data;
}

/**
 * The playground (which can read every collection) and the admin view (every vote) answer this machine
 * only, unless a token is configured; then anyone who has it.
 */
function adminGuard(token: string | null): (handle: Handle) => Handle {
  const authorized = (req: IncomingMessage) => {
    if (!token) return isLoopback(req.socket.remoteAddress);
    const given = Buffer.from(String(req.headers.authorization ?? "").replace(/^Bearer\s+/i, ""));
    const wanted = Buffer.from(token);
    return given.length === wanted.length && timingSafeEqual(given, wanted);
  };
  return (handle) => (req, res) =>
    authorized(req)
      ? handle(req, res)
      : sendJson(res, token ? 401 : 403, {
          error: token
            ? "this playground needs an access token (DOCENT_ADMIN_TOKEN)"
            : "the playground answers this machine only; set DOCENT_ADMIN_TOKEN to open it to others",
        });
}

function handleAsk({ core, logger }: AdapterContext): Handle {
  return async (req, res) => {
    const body = await parseBody(req, res, askSchema);
    if (!body) return;
    const reply = createWebChatReply(openEventStream(res));
    await answerInThread({ platform: "web", user: body.user, conversation: "playground", thread: body.thread, text: body.text, history: [] }, reply, {
      core,
      logger,
    });
    res.end();
  };
}

function handleFeedback({ core }: AdapterContext): Handle {
  return async (req, res) => {
    const body = await parseBody(req, res, feedbackSchema);
    if (!body) return;
    const recorded = await core.feedback.recordFeedback({
      answer: body.answerId,
      platform: "web",
      user: body.user,
      rating: body.rating,
      comment: body.comment,
    });
    sendJson(res, recorded ? 200 : 404, recorded ? { ok: true } : { error: "unknown answer" });
    // A comment comes with a 👎, or after one (the playground's form opens only on a 👎): it goes to the owners
    // of the cited documents through whichever platform offers a way (Slack), after the response.
    if (recorded && body.comment && body.rating !== "up") await core.owners.routeDislike({ answer: body.answerId, reason: body.comment });
  };
}

function handleStatus(context: AdapterContext): Handle {
  const { core } = context;
  return async (_req, res) => {
    const docent = context.docent();
    const [index, feedback] = await Promise.all([docent.indexStatus(), core.feedback.report({ limit: 200 })]);
    sendJson(res, 200, { index, feedback, llm: core.generatorName, platforms: docent.adapters.map((a) => a.name) });
  };
}

function handleGaps({ core }: AdapterContext): Handle {
  return async (req, res) => {
    const query = gapsQuerySchema.safeParse(Object.fromEntries(new URL(req.url ?? "/", "http://localhost").searchParams));
    if (!query.success) {
      sendJson(res, 400, { error: query.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ") });
      return;
    }
    sendJson(res, 200, { gaps: await core.feedback.gaps(query.data) });
  };
}

function handleSync(context: AdapterContext): Handle {
  return async (_req, res) => {
    const send = openEventStream(res);
    try {
      const summaries = await context.docent().sync((progress) => send("progress", progress));
      send("done", { summaries });
    } catch (error) {
      send("error", { message: (error as Error).message });
    }
    res.end();
  };
}

async function serveStatic(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== "GET" && req.method !== "HEAD") {
    sendJson(res, 405, { error: "method not allowed" });
    return;
  }
  let path: string;
  try {
    path = decodeURIComponent((req.url ?? "/").split("?")[0]!);
  } catch {
    sendJson(res, 400, { error: "malformed URL" });
    return;
  }
  const relative = path === "/" ? "index.html" : normalize(path).replace(/^([/\\])+/, "");
  const file = join(PUBLIC_DIR, relative);
  if (!file.startsWith(PUBLIC_DIR) || relative.startsWith("..")) {
    sendJson(res, 404, { error: "not found" });
    return;
  }
  try {
    const content = await readFile(file);
    res.writeHead(200, {
      "content-type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream",
      "content-length": content.length,
      "cache-control": "no-cache",
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'",
    });
    res.end(req.method === "HEAD" ? undefined : content);
  } catch {
    sendJson(res, 404, { error: "not found" });
  }
}
