import type { IncomingMessage, ServerResponse } from "node:http";

/** One adapter's endpoint on the shared server. */
export interface HttpRoute {
  /** Exact path (`/slack/events`), or a prefix when it ends with `/` (`/` serves the playground). */
  path: string;
  handle(req: IncomingMessage, res: ServerResponse): void | Promise<void>;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/** Reads a request body up to `limit` bytes; rejects with `statusCode` 413 beyond it. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > limit) throw Object.assign(new Error("request body too large"), { statusCode: 413 });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw Object.assign(new Error("request body too large"), { statusCode: 413 });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Reads and parses a JSON body; on failure answers the request itself (413 beyond `limit`, 400 for
 * anything that is not JSON) and resolves with `undefined`.
 */
export async function readJsonBody(req: IncomingMessage, res: ServerResponse, limit: number): Promise<unknown> {
  try {
    return JSON.parse((await readBody(req, limit)).toString("utf8"));
  } catch (error) {
    const tooLarge = (error as { statusCode?: number }).statusCode === 413;
    sendJson(res, tooLarge ? 413 : 400, { error: tooLarge ? "request body too large" : "the request body is not valid JSON" });
    return undefined;
  }
}

/** Starts a server-sent event stream on `res`; returns the function that sends one event. */
export function openEventStream(res: ServerResponse): (event: string, data: unknown) => void {
  res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", "x-accel-buffering": "no" });
  return (event, data) => void res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}
