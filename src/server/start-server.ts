import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../logger.ts";
import { sendJson, type HttpRoute } from "./http-route.ts";

export interface HealthReport {
  ready: boolean;
  status: "ok" | "starting" | "degraded";
  [key: string]: unknown;
}

export interface ServerOptions {
  port: number;
  host?: string;
  routes: HttpRoute[];
  health: () => Promise<HealthReport> | HealthReport;
  logger: Logger;
  /** Told of every accepted connection (the ack-first scheduler: a request is on its way). */
  onConnection?: () => void;
}

export interface RunningServer {
  server: Server;
  url: string;
  /** Stops taking connections, waits for requests in flight (up to `graceMs`), then closes. */
  close(graceMs?: number): Promise<void>;
}

/** The one HTTP server: adapters' routes, `/healthz`, and a plain 404 for everything else. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { logger } = options;
  const routes = [...options.routes].sort((a, b) => b.path.length - a.path.length);
  let closing = false;
  const server = createServer(async (req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    if (closing) {
      // A request on a kept-alive connection after shutdown began: refuse it, and close the connection.
      res.writeHead(503, { connection: "close", "retry-after": "5", "content-type": "application/json" }).end('{"error":"shutting down"}');
      return;
    }
    try {
      if (path === "/healthz") {
        const report = await options.health();
        sendJson(res, report.ready ? 200 : 503, report);
        return;
      }
      const route = routes.find((r) => (r.path.endsWith("/") ? path.startsWith(r.path) : path === r.path));
      if (!route) {
        sendJson(res, 404, { error: "not found" });
        return;
      }
      await route.handle(req, res);
    } catch (error) {
      logger.error({ err: error, path }, "request failed");
      if (!res.headersSent) sendJson(res, 500, { error: "internal error" });
      else res.end();
    }
  });
  if (options.onConnection) server.on("connection", options.onConnection);
  server.headersTimeout = 15_000;
  server.requestTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "0.0.0.0", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const url = `http://${options.host && options.host !== "0.0.0.0" ? options.host : "localhost"}:${address.port}`;
  return {
    server,
    url,
    close: (graceMs = 10_000) =>
      new Promise<void>((resolve) => {
        closing = true;
        const timer = setTimeout(() => server.closeAllConnections(), graceMs);
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
