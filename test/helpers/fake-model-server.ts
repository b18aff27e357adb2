import { createHash } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface ChatRequest {
  model: string;
  messages: { role: string; content: string }[];
  stream?: boolean;
  [key: string]: unknown;
}

/** How the server answers one chat request. */
export type ChatBehaviour =
  /** `delayMs` waits before the response starts; `chunkDelayMs` waits between streamed chunks (default 0). */
  | { reply: string; delayMs?: number; chunkSize?: number; chunkDelayMs?: number }
  | { status: number; body?: unknown; headers?: Record<string, string> }
  /** Streams the first `stallAfterChars` characters, then holds the connection open, silent, until the client leaves. */
  | { stallAfterChars: number; reply: string; chunkSize?: number }
  /** HTTP 200 with a body that is not a completion: broken SSE when streaming, HTML otherwise. */
  | { garbage: true };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: any;
}

export interface FakeModelServer {
  /** Base URL for the OpenAI SDK, ending in `/v1`. */
  url: string;
  /** Every request received, in order, with its parsed JSON body. */
  requests: RecordedRequest[];
  /** Decides each chat request's answer (default: "OK [1]"); `index` counts chat requests from 0. */
  script(behaviour: (request: ChatRequest, index: number) => ChatBehaviour | Promise<ChatBehaviour>): void;
  /** Fails the next `count` embedding calls with `status` (e.g. 429 with Retry-After, or 500). */
  failEmbeddings(count: number, status: number, headers?: Record<string, string>): void;
  close(): Promise<void>;
}

export interface FakeModelServerOptions {
  /** Length of the embedding vectors (default 64). */
  dimensions?: number;
  /** Lists embeddings last input first (each still carries its `index`), as a server may. */
  reverseEmbeddings?: boolean;
}

/**
 * An OpenAI-compatible model server on 127.0.0.1, speaking the real wire format (chat completions,
 * streamed as server-sent events or not, and embeddings), scriptable to misbehave.
 */
export async function startFakeModelServer(options: FakeModelServerOptions = {}): Promise<FakeModelServer> {
  const dimensions = options.dimensions ?? 64;
  const requests: RecordedRequest[] = [];
  let behaviour: (request: ChatRequest, index: number) => ChatBehaviour | Promise<ChatBehaviour> = () => ({ reply: "OK [1]" });
  let chatCount = 0;
  let embeddingFailures: { count: number; status: number; headers?: Record<string, string> } = { count: 0, status: 500 };
  const sockets = new Set<Socket>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJson(req);
    const path = req.url ?? "";
    requests.push({ method: req.method ?? "GET", path, headers: req.headers, body });
    if (req.method === "GET" && path === "/v1/models") {
      return json(res, 200, { object: "list", data: [{ id: "fake-chat", object: "model", created: 0, owned_by: "docent-tests" }] });
    }
    if (req.method === "POST" && path === "/v1/embeddings") {
      if (embeddingFailures.count > 0) {
        embeddingFailures.count--;
        return json(res, embeddingFailures.status, { error: { message: "scripted failure", type: "server_error" } }, embeddingFailures.headers);
      }
      const inputs: string[] = Array.isArray(body.input) ? body.input : [body.input];
      const data = inputs.map((text, index) => ({ object: "embedding", index, embedding: hashedEmbedding(String(text), dimensions) }));
      if (options.reverseEmbeddings) data.reverse();
      const tokens = inputs.reduce((sum, text) => sum + String(text).split(/\s+/).length, 0);
      return json(res, 200, { object: "list", data, model: body.model, usage: { prompt_tokens: tokens, total_tokens: tokens } });
    }
    if (req.method === "POST" && path === "/v1/chat/completions") {
      const request = body as ChatRequest;
      return chat(res, request, await behaviour(request, chatCount++));
    }
    json(res, 404, { error: { message: `no route ${req.method} ${path}`, type: "invalid_request_error" } });
  }

  const server = createServer((req, res) => {
    // A script that throws is a broken test, not a hung one: answer 500 and let the test see it.
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) json(res, 500, { error: { message: `fake server: ${(error as Error)?.message ?? error}`, type: "server_error" } });
      else res.destroy();
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (fn) => (behaviour = fn),
    failEmbeddings: (count, status, headers) => (embeddingFailures = { count, status, headers }),
    close: () =>
      new Promise<void>((resolve) => {
        // Stalled streams and keep-alive sockets would otherwise hold close() (and the test run) open forever.
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function chat(res: ServerResponse, request: ChatRequest, plan: ChatBehaviour): Promise<void> {
  if ("status" in plan) return json(res, plan.status, plan.body ?? { error: { message: "scripted failure", type: "server_error" } }, plan.headers);
  if ("garbage" in plan) {
    res.writeHead(200, { "content-type": request.stream ? "text/event-stream" : "application/json" });
    res.end(request.stream ? "data: {this is not json\n\n" : "<html>not a completion</html>");
    return;
  }
  const id = `chatcmpl-${Math.random().toString(36).slice(2)}`;
  const created = Math.floor(Date.now() / 1000);
  const stall = "stallAfterChars" in plan;
  if (!stall && plan.delayMs) await wait(plan.delayMs);
  if (!request.stream) {
    if (stall) return; // say nothing at all; the client's timeout ends it
    return json(res, 200, {
      id,
      object: "chat.completion",
      created,
      model: request.model,
      choices: [{ index: 0, message: { role: "assistant", content: plan.reply, refusal: null }, logprobs: null, finish_reason: "stop" }],
      usage: usage(request, plan.reply),
    });
  }
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
  const send = (delta: Record<string, unknown>, finish: string | null = null) =>
    res.write(
      `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model: request.model, system_fingerprint: "fp_fake", choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] })}\n\n`,
    );
  send({ role: "assistant", content: "" });
  const size = plan.chunkSize || 12;
  const gap = !stall ? (plan.chunkDelayMs ?? 0) : 0;
  const limit = stall ? plan.stallAfterChars : plan.reply.length;
  for (let i = 0; i < limit; i += size) {
    if (gap && i > 0) await wait(gap);
    if (res.destroyed) return;
    send({ content: plan.reply.slice(i, Math.min(i + size, limit)) });
  }
  if (stall) return; // keep the connection open and say nothing more
  send({}, "stop");
  res.end("data: [DONE]\n\n");
}

/** A bag of words hashed into a fixed number of dimensions, L2-normalized: similar texts get similar vectors. */
export function hashedEmbedding(text: string, dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (const word of text.toLowerCase().split(/[^a-z0-9]+/)) {
    if (word.length < 3) continue;
    vector[createHash("md5").update(word).digest().readUInt32LE(0) % dimensions]! += 1;
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((v) => v / norm);
}

function usage(request: ChatRequest, reply: string) {
  const prompt = (request.messages ?? []).reduce((sum, m) => sum + String(m.content).split(/\s+/).length, 0);
  const completion = reply.split(/\s+/).filter(Boolean).length;
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function readJson(req: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    return { raw: text };
  }
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}
