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
