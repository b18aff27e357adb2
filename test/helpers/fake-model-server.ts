import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface ChatRequest {
  model: string;
  messages: { role: string; content: string }[];
  stream?: boolean;
  [key: string]: unknown;
}

/** How the server answers one chat request. */
export type ChatBehaviour =
  | { reply: string; delayMs?: number; chunkSize?: number }
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | { stallAfterChars: number; reply: string }
  | { garbage: true };

export interface FakeModelServer {
  /** Base URL for the OpenAI SDK, ending in `/v1`. */
  url: string;
  requests: { path: string; body: any }[];
  /** Decides each chat request's answer (default: "OK [1]"). */
  script(behaviour: (request: ChatRequest, index: number) => ChatBehaviour | Promise<ChatBehaviour>): void;
  /** Fails the next `count` embedding calls with `status` (e.g. 429 with Retry-After, or 500). */
  failEmbeddings(count: number, status: number, headers?: Record<string, string>): void;
  close(): Promise<void>;
}

/**
 * An OpenAI-compatible model server on 127.0.0.1, speaking the real wire format (chat completions,
 * streamed as server-sent events or not, and embeddings), scriptable to misbehave.
 */
export async function startFakeModelServer(options: { dimensions?: number } = {}): Promise<FakeModelServer> {
  const dimensions = options.dimensions ?? 64;
  const requests: { path: string; body: any }[] = [];
  let behaviour: (request: ChatRequest, index: number) => ChatBehaviour | Promise<ChatBehaviour> = () => ({ reply: "OK [1]" });
  let chatCount = 0;
  let embeddingFailures: { count: number; status: number; headers?: Record<string, string> } = { count: 0, status: 500 };
  const sockets = new Set<Socket>();

  const server = createServer(async (req, res) => {
    const body = await readJson(req);
    requests.push({ path: req.url ?? "", body });
    if (req.method === "GET" && req.url === "/v1/models") return json(res, 200, { object: "list", data: [{ id: "fake-chat", object: "model" }] });
    if (req.url === "/v1/embeddings") {
      if (embeddingFailures.count > 0) {
        embeddingFailures.count--;
        return json(res, embeddingFailures.status, { error: { message: "scripted failure", type: "server_error" } }, embeddingFailures.headers);
      }
      const inputs: string[] = Array.isArray(body.input) ? body.input : [body.input];
      return json(res, 200, {
        object: "list",
        data: inputs.map((text, index) => ({ object: "embedding", index, embedding: hashedEmbedding(text, dimensions) })),
        model: body.model,
        usage: { prompt_tokens: 0, total_tokens: 0 },
      });
    }
    if (req.url === "/v1/chat/completions") return chat(res, body as ChatRequest, await behaviour(body as ChatRequest, chatCount++));
    json(res, 404, { error: { message: `no route ${req.url}` } });
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
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
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
  if ("delayMs" in plan && plan.delayMs) await new Promise((r) => setTimeout(r, plan.delayMs));
  if (!request.stream) {
    const content = plan.reply;
    return json(res, 200, {
      id, object: "chat.completion", created, model: request.model,
      choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
      usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
    });
  }
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const send = (delta: Record<string, unknown>, finish: string | null = null) =>
    res.write(`data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model: request.model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`);
  send({ role: "assistant", content: "" });
  const size = "chunkSize" in plan && plan.chunkSize ? plan.chunkSize : 12;
  const limit = "stallAfterChars" in plan ? plan.stallAfterChars : plan.reply.length;
  for (let i = 0; i < limit; i += size) send({ content: plan.reply.slice(i, Math.min(i + size, limit)) });
  if ("stallAfterChars" in plan) return; // keep the connection open and say nothing more
  send({}, "stop");
  res.end("data: [DONE]\n\n");
}

/** A bag of words hashed into a fixed number of dimensions: similar texts get similar vectors. */
export function hashedEmbedding(text: string, dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (const word of text.toLowerCase().split(/[^a-z0-9]+/)) {
    if (word.length < 3) continue;
    vector[createHash("md5").update(word).digest().readUInt32LE(0) % dimensions]! += 1;
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((v) => v / norm);
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
