import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/** One activity the bot posted, as it arrived on the wire. */
export interface ReceivedActivity {
  /** The conversation id from the URL, decoded. */
  conversationId: string;
  /** The activity id in the URL (`…/activities/{replyToId}`), or null for a plain post to the conversation. */
  replyToId: string | null;
  /** The JSON body exactly as serialized by the bot. */
  body: Record<string, any>;
  authorization: string | undefined;
  /** The id the connector gave it (the stream id for every part of one stream). */
  id: string;
  status: number;
  /** performance.now() when it arrived. */
  at: number;
}

export interface FakeTeamsConnector {
  /** Ends with a slash, like Teams' service URLs: use it as the activity's `serviceUrl`. */
  serviceUrl: string;
  received: ReceivedActivity[];
  /** Resolves with the first activity (already received or still to come) that matches. */
  waitFor(match: (activity: ReceivedActivity) => boolean, timeoutMs?: number): Promise<ReceivedActivity>;
  /** Makes the connector answer matching posts with another status (a 403 that stops a stream, say). */
  failWhen(match: (body: Record<string, any>) => boolean, status: number): void;
  close(): Promise<void>;
}

const ACTIVITIES = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/;

/**
 * A Bot Framework connector (Teams' service URL) on 127.0.0.1 that records what the bot sends. It
 * answers as Teams does: 200 {"id"} for a message; for streaming, 201 {"id": streamId} to the first
 * `streaminfo` activity and 202 {} to every later one of that stream, the final message included.
 */
export async function startFakeTeamsConnector(): Promise<FakeTeamsConnector> {
  const received: ReceivedActivity[] = [];
  const waiters: { match: (a: ReceivedActivity) => boolean; resolve: (a: ReceivedActivity) => void }[] = [];
  const failures: { match: (body: Record<string, any>) => boolean; status: number }[] = [];
  let next = 1;

  const server = createServer(async (req, res) => {
    const at = performance.now();
    const route = ACTIVITIES.exec((req.url ?? "").split("?")[0]!);
    if (req.method !== "POST" || !route) {
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "NotFound", message: "not a route of this fake" } }));
      return;
    }
    const body = JSON.parse(await readAll(req)) as Record<string, any>;
    const failure = failures.find((f) => f.match(body));
    const streamInfo = (body.entities as { type?: string; streamId?: string }[] | undefined)?.find((e) => e.type === "streaminfo");
    let status = 200;
    let id = `reply-${next++}`;
    let response: Record<string, unknown> = { id };
    if (failure) {
      status = failure.status;
      response = { error: { code: "ContentStreamNotAllowed", message: "Content stream is not allowed" } };
    } else if (streamInfo?.streamId) {
      status = 202;
      id = streamInfo.streamId;
      response = {};
    } else if (streamInfo) {
      status = 201;
    }
    const activity: ReceivedActivity = {
      conversationId: decodeURIComponent(route[1]!),
      replyToId: route[2] ? decodeURIComponent(route[2]) : null,
      body,
      authorization: req.headers.authorization,
      id,
      status,
      at,
    };
    received.push(activity);
    for (const waiter of [...waiters]) {
      if (waiter.match(activity)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(activity);
      }
    }
    const text = JSON.stringify(response);
    res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) }).end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    received,
    waitFor(match, timeoutMs = 10_000) {
      const found = received.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = {
          match,
          resolve: (a: ReceivedActivity) => {
            clearTimeout(timer);
            resolve(a);
          },
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(
            new Error(
              `the fake Teams connector received no matching activity within ${timeoutMs} ms (got ${received.length}: ${received.map((a) => a.body.type).join(", ")})`,
            ),
          );
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    failWhen(match, status) {
      failures.push({ match, status });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readAll(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
