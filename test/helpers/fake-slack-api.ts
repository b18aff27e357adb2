import { createHash, createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { Duplex } from "node:stream";

/** One recorded Web API call, as Slack would have received it. */
export interface SlackApiCall {
  method: string;
  /** The arguments, JSON-valued fields (blocks, view, prompts…) already parsed. */
  args: Record<string, any>;
  /** `performance.now()` when the request arrived (comparable within this process). */
  at: number;
  /** The HTTP status the fake answered. */
  status: number;
}

/** A message in a channel as it stands after every post, stream and update the fake has seen. */
export interface FakeMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  /** Top-level `text` (the fallback), or "" for a streamed message. */
  text: string;
  /** Text that arrived through chat.startStream / appendStream / stopStream. */
  markdown: string;
  blocks: any[];
  streaming: boolean;
  /** How the message was created. */
  via: "chat.postMessage" | "chat.startStream";
  updates: number;
}

export type ScriptedFailure = { status: 429; retryAfter: number } | { status: 500 | 502 | 503 } | { error: string };

export interface FakeSlackApi {
  /** Base URL for SLACK_API_URL, ending in `/api/`. */
  url: string;
  botUserId: string;
  botId: string;
  teamId: string;
  calls: SlackApiCall[];
  messages: FakeMessage[];
  callsTo(method: string): SlackApiCall[];
  /** The next `times` calls to `method` fail as scripted (a Slack error is `{ok: false, error}` with HTTP 200). */
  fail(method: string, failure: ScriptedFailure, times?: number): void;
  /** Calls to `method` succeed again: the failures still scripted for it are dropped. */
  recover(method: string): void;
  /** Holds every call to `method` for `ms` before answering (to keep a stream open, say). */
  delay(method: string, ms: number): void;
  /** All the visible text of a message: fallback text, streamed Markdown and every block's text, one string. */
  messageText(message: FakeMessage): string;
  /** Records a person's message, as Slack keeps it for `conversations.replies` (the bot's own are kept anyway). */
  said(message: { channel: string; ts: string; thread_ts?: string; user: string; text: string }): void;
  /** Messages in a thread (the root's ts), oldest first. */
  thread(channel: string, threadTs: string): FakeMessage[];
  /** Polls until `probe` returns something truthy; fails after `timeoutMs` with what it was waiting for. */
  waitFor<T>(probe: () => T | null | undefined | false, what: string, timeoutMs?: number): Promise<T>;
  /** Socket Mode: the open WebSocket connections, to push envelopes and read acks. */
  socket: FakeSocketMode;
  close(): Promise<void>;
}

export interface FakeSocketMode {
  /** Sends a Socket Mode envelope (`events_api`, `interactive`…) to every connected client. */
  send(envelope: Record<string, unknown>): void;
  /** Envelope ids the client acknowledged. */
  acks: string[];
  connections(): number;
}

/** Fields that Slack's Web API takes as JSON inside a form-encoded body. */
const JSON_FIELDS = new Set(["blocks", "chunks", "prompts", "view", "loading_messages", "metadata", "attachments"]);

/**
 * Slack's Web API on 127.0.0.1: `POST /api/<method>` with form-encoded or JSON bodies, answering
 * `{ok: true, …}` the way Slack does, recording every call and keeping the resulting messages, with
 * scriptable failures (429 with Retry-After, 500, Slack errors). It also speaks just enough WebSocket
 * to play Slack's Socket Mode endpoint (apps.connections.open, hello, envelopes, acks).
 */
export async function startFakeSlackApi(
  options: {
    botUserId?: string;
    botId?: string;
    teamId?: string;
    port?: number;
    users?: Record<string, { email?: string; name?: string; realName?: string }>;
  } = {},
): Promise<FakeSlackApi> {
  const botUserId = options.botUserId ?? "U0BOTDOCENT";
  const botId = options.botId ?? "B0BOTDOCENT";
  const teamId = options.teamId ?? "T0TEAM0001";
  const calls: SlackApiCall[] = [];
  const messages: FakeMessage[] = [];
  const people: { channel: string; ts: string; thread_ts?: string; user: string; text: string }[] = [];
  const failures = new Map<string, ScriptedFailure[]>();
  const delays = new Map<string, number>();
  const sockets = new Set<Socket>();
  const webSockets = new Set<Duplex>();
  const acks: string[] = [];
  const clock = 1_700_000_000;
  let sequence = 0;
  const nextTs = () => `${clock + Math.floor(++sequence / 1000)}.${String(sequence % 1000).padStart(6, "0")}`;
  let port = 0;

  const find = (channel: unknown, ts: unknown) => messages.find((m) => m.channel === channel && m.ts === ts);

  const answer = (method: string, args: Record<string, any>): Record<string, unknown> => {
    switch (method) {
      case "auth.test":
        return {
          url: "https://fernhill.slack.com/",
          team: "Fernhill",
          user: "docent",
          team_id: teamId,
          user_id: botUserId,
          bot_id: botId,
          is_enterprise_install: false,
        };
      case "chat.postMessage": {
        if (!args.channel) return { ok: false, error: "channel_not_found" };
        const message: FakeMessage = {
          channel: args.channel,
          ts: nextTs(),
          thread_ts: args.thread_ts,
          text: args.text ?? "",
          markdown: "",
          blocks: args.blocks ?? [],
          streaming: false,
          via: "chat.postMessage",
          updates: 0,
        };
        messages.push(message);
        return {
          channel: message.channel,
          ts: message.ts,
          message: { type: "message", text: message.text, user: botUserId, bot_id: botId, ts: message.ts, thread_ts: message.thread_ts },
        };
      }
      case "chat.update": {
        const message = find(args.channel, args.ts);
        if (!message) return { ok: false, error: "message_not_found" };
        message.text = args.text ?? message.text;
        message.blocks = args.blocks ?? message.blocks;
        message.markdown = "";
        message.updates++;
        return { channel: message.channel, ts: message.ts, text: message.text };
      }
      case "chat.startStream": {
        if (!args.channel) return { ok: false, error: "channel_not_found" };
        const message: FakeMessage = {
          channel: args.channel,
          ts: nextTs(),
          thread_ts: args.thread_ts,
          text: "",
          markdown: args.markdown_text ?? "",
          blocks: [],
          streaming: true,
          via: "chat.startStream",
          updates: 0,
        };
        messages.push(message);
        return { channel: message.channel, ts: message.ts };
      }
      case "chat.appendStream": {
        const message = find(args.channel, args.ts);
        if (!message) return { ok: false, error: "message_not_found" };
        if (!message.streaming) return { ok: false, error: "message_not_in_streaming_state" };
        message.markdown += args.markdown_text ?? "";
        return { channel: message.channel, ts: message.ts };
      }
      case "chat.stopStream": {
        const message = find(args.channel, args.ts);
        if (!message) return { ok: false, error: "message_not_found" };
        if (!message.streaming) return { ok: false, error: "message_not_in_streaming_state" };
        message.markdown += args.markdown_text ?? "";
        message.blocks = [...message.blocks, ...(args.blocks ?? [])];
        message.streaming = false;
        return { channel: message.channel, ts: message.ts, message: { ts: message.ts, text: message.markdown } };
      }
      case "conversations.replies": {
        const inThread = (m: { channel: string; ts: string; thread_ts?: string }) =>
          m.channel === args.channel && (m.ts === args.ts || m.thread_ts === args.ts);
        const bots = messages
          .filter(inThread)
          .map((m) => ({ type: "message", user: botUserId, bot_id: botId, text: m.text || m.markdown, ts: m.ts, thread_ts: m.thread_ts }));
        const said = people.filter(inThread).map((m) => ({ type: "message", ...m }));
        return { messages: [...bots, ...said].sort((a, b) => Number(a.ts) - Number(b.ts)), has_more: false };
      }
      case "chat.postEphemeral":
        return { message_ts: nextTs() };
      case "chat.getPermalink":
        if (!args.channel || !args.message_ts) return { ok: false, error: "invalid_arguments" };
        return {
          channel: args.channel,
          permalink: `https://fernhill.slack.com/archives/${args.channel}/p${String(args.message_ts).replace(".", "")}`,
        };
      case "assistant.threads.setStatus":
      case "assistant.threads.setSuggestedPrompts":
      case "assistant.threads.setTitle":
        return {};
      case "views.publish":
        if (!args.user_id) return { ok: false, error: "invalid_arguments" };
        return { view: { id: `V${++sequence}`, team_id: teamId, ...(args.view ?? {}) } };
      case "views.open":
        return { view: { id: `V${++sequence}`, ...(args.view ?? {}) } };
      case "users.info": {
        // Slack's user object, trimmed to the fields apps read; `profile.email` needs users:read.email.
        const person = options.users?.[args.user];
        if (!person) return { ok: false, error: "user_not_found" };
        const name = person.name ?? args.user.toLowerCase();
        return {
          user: {
            id: args.user,
            team_id: teamId,
            name,
            deleted: false,
            real_name: person.realName ?? name,
            tz: "Europe/Amsterdam",
            is_bot: false,
            is_admin: false,
            profile: { real_name: person.realName ?? name, display_name: name, ...(person.email ? { email: person.email } : {}), team: teamId },
          },
        };
      }
      case "apps.connections.open":
        return { url: `ws://127.0.0.1:${port}/socket-mode` };
      default:
        return { ok: false, error: "unknown_method" };
    }
  };

  const server = createServer(async (req, res) => {
    const at = performance.now();
    const method = (req.url ?? "").replace(/^\/api\//, "").split("?")[0]!;
    const args = parseArgs(req, await readText(req));
    const delay = delays.get(method);
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    const failure = failures.get(method)?.shift();
    if (failure && "status" in failure) {
      calls.push({ method, args, at, status: failure.status });
      const headers: Record<string, string> = failure.status === 429 ? { "retry-after": String(failure.retryAfter) } : {};
      return json(res, failure.status, failure.status === 429 ? { ok: false, error: "ratelimited" } : { ok: false, error: "internal_error" }, headers);
    }
    calls.push({ method, args, at, status: 200 });
    if (failure) return json(res, 200, { ok: false, error: failure.error });
    json(res, 200, { ok: true, ...answer(method, args) });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  server.on("upgrade", (req, socket) => acceptWebSocket(req, socket, webSockets, acks));
  // A given port lets a test start "Slack" at an address the app was already told about (Slack coming back).
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;

  const blockText = (block: any): string[] => {
    if (!block || typeof block !== "object") return [];
    const own = [block.text?.text, block.text && typeof block.text === "string" ? block.text : undefined].filter((t): t is string => typeof t === "string");
    const nested = [...(block.elements ?? []), ...(block.fields ?? [])].flatMap(blockText);
    return [...own, ...nested];
  };

  return {
    url: `http://127.0.0.1:${port}/api/`,
    botUserId,
    botId,
    teamId,
    calls,
    messages,
    callsTo: (method) => calls.filter((call) => call.method === method),
    fail(method, failure, times = 1) {
      failures.set(method, [...(failures.get(method) ?? []), ...Array.from({ length: times }, () => failure)]);
    },
    recover(method) {
      failures.delete(method);
    },
    delay(method, ms) {
      delays.set(method, ms);
    },
    said: (message) => void people.push(message),
    messageText: (message) => [message.text, message.markdown, ...message.blocks.flatMap(blockText)].filter(Boolean).join("\n"),
    thread: (channel, threadTs) => messages.filter((m) => m.channel === channel && (m.thread_ts === threadTs || m.ts === threadTs)),
    async waitFor(probe, what, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = probe();
        if (value) return value;
        if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    socket: {
      acks,
      connections: () => webSockets.size,
      send(envelope) {
        for (const ws of webSockets) ws.write(frame(0x1, Buffer.from(JSON.stringify(envelope))));
      },
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of webSockets) ws.destroy();
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Signs a request body exactly as Slack does: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<body>`. */
export function signSlackRequest(signingSecret: string, timestamp: number | string, body: string): string {
  return `v0=${createHmac("sha256", signingSecret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export interface DeliverOptions {
  signingSecret: string;
  /** Form-encoded (`payload=<json>`, as interactivity arrives) instead of JSON (as events arrive). */
  form?: boolean;
  /** Seconds since the epoch; default now. */
  timestamp?: number;
  /** Overrides the computed signature (to send a bad one). */
  signature?: string;
  retryNum?: number;
  retryReason?: string;
}

/** POSTs a payload to a Slack app the way Slack's servers do: signed, with Slack's headers. */
export async function deliverToSlackApp(url: string, payload: unknown, options: DeliverOptions): Promise<Response> {
  const body =
    typeof payload === "string" ? payload : options.form ? new URLSearchParams({ payload: JSON.stringify(payload) }).toString() : JSON.stringify(payload);
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    "content-type": options.form ? "application/x-www-form-urlencoded" : "application/json",
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": options.signature ?? signSlackRequest(options.signingSecret, timestamp, body),
    "user-agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
  };
  if (options.retryNum !== undefined) {
    headers["x-slack-retry-num"] = String(options.retryNum);
    headers["x-slack-retry-reason"] = options.retryReason ?? "http_timeout";
  }
  return fetch(url, { method: "POST", headers, body });
}

function parseArgs(req: IncomingMessage, text: string): Record<string, any> {
  const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim();
  let args: Record<string, any> = {};
  if (type === "application/json") {
    try {
      args = JSON.parse(text || "{}");
    } catch {
      args = { unparsable: text };
    }
  } else {
    for (const [key, value] of new URLSearchParams(text)) {
      if (JSON_FIELDS.has(key)) {
        try {
          args[key] = JSON.parse(value);
          continue;
        } catch {
          // keep the raw string: a malformed field is itself worth seeing in a test
        }
      }
      args[key] = value;
    }
  }
  const auth = req.headers.authorization;
  if (auth) args.__token = auth.replace(/^Bearer\s+/i, "");
  return args;
}

async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}

// ---- just enough WebSocket (RFC 6455) to stand in for Slack's Socket Mode endpoint ----

function acceptWebSocket(req: IncomingMessage, socket: Duplex, open: Set<Duplex>, acks: string[]): void {
  const key = req.headers["sec-websocket-key"];
  if (typeof key !== "string") return void socket.destroy();
  const accept = createHash("sha1").update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest("base64");
  socket.write(["HTTP/1.1 101 Switching Protocols", "Upgrade: websocket", "Connection: Upgrade", `Sec-WebSocket-Accept: ${accept}`, "", ""].join("\r\n"));
  open.add(socket);
  socket.on("close", () => open.delete(socket));
  socket.on("error", () => open.delete(socket));
  let buffered = Buffer.alloc(0);
  socket.on("data", (data: Buffer) => {
    buffered = Buffer.concat([buffered, data]);
    for (;;) {
      const parsed = readFrame(buffered);
      if (!parsed) break;
      buffered = buffered.subarray(parsed.length);
      if (parsed.opcode === 0x1) {
        try {
          const message = JSON.parse(parsed.payload.toString("utf8")) as { envelope_id?: string };
          if (message.envelope_id) acks.push(message.envelope_id);
        } catch {
          // not JSON: Slack would ignore it too
        }
      } else if (parsed.opcode === 0x9) socket.write(frame(0xa, parsed.payload));
      else if (parsed.opcode === 0x8) {
        socket.end(frame(0x8, parsed.payload.subarray(0, 2)));
        open.delete(socket);
      }
    }
  });
  socket.write(
    frame(0x1, Buffer.from(JSON.stringify({ type: "hello", num_connections: 1, debug_info: { host: "fake" }, connection_info: { app_id: "A0DOCENT" } }))),
  );
}

/** A server frame: final, unmasked. */
function frame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  const header =
    length < 126
      ? Buffer.from([0x80 | opcode, length])
      : length < 65536
        ? Buffer.from([0x80 | opcode, 126, length >> 8, length & 0xff])
        : Buffer.concat([Buffer.from([0x80 | opcode, 127]), bigLength(length)]);
  return Buffer.concat([header, payload]);
}

function bigLength(length: number): Buffer {
  const buffer = Buffer.alloc(8);
  buffer.writeBigUInt64BE(BigInt(length));
  return buffer;
}

/** A client frame (masked, as clients must send them); null until the whole frame has arrived. */
function readFrame(buffer: Buffer): { opcode: number; payload: Buffer; length: number } | null {
  if (buffer.length < 2) return null;
  const opcode = buffer[0]! & 0x0f;
  const masked = (buffer[1]! & 0x80) !== 0;
  let length = buffer[1]! & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (buffer.length < 4) return null;
    length = buffer.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (buffer.length < 10) return null;
    length = Number(buffer.readBigUInt64BE(2));
    offset = 10;
  }
  const maskOffset = offset;
  if (masked) offset += 4;
  if (buffer.length < offset + length) return null;
  const payload = Buffer.from(buffer.subarray(offset, offset + length));
  if (masked) for (let i = 0; i < payload.length; i++) payload[i]! ^= buffer[maskOffset + (i % 4)]!;
  return { opcode, payload, length: offset + length };
}
