import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/logger.ts";
import { createPostRoute } from "../../src/server/create-post-route.ts";
import { sendJson } from "../../src/server/http-route.ts";
import { startServer, type RunningServer } from "../../src/server/start-server.ts";

describe("a platform's webhook on the shared server", () => {
  let server: RunningServer;
  const acks: string[] = [];
  const bodies: string[] = [];
  beforeAll(async () => {
    const route = createPostRoute({
      path: "/hook",
      bodyLimit: 16,
      onRequest: { started: () => acks.push("started"), finished: () => acks.push("finished") },
      admit: (req, res) => req.headers["x-key"] === "yes" || (sendJson(res, 401, { error: "no key" }), false),
      handle: (_req, res, body) => {
        bodies.push(body.toString("utf8"));
        sendJson(res, 200, { ok: true });
      },
    });
    server = await startServer({ port: 0, host: "127.0.0.1", routes: [route], health: () => ({ ready: true, status: "ok" }), logger: silentLogger() });
  });
  afterAll(() => server.close());
  const post = (body: string, headers: Record<string, string> = { "x-key": "yes" }) => fetch(`${server.url}/hook`, { method: "POST", headers, body });

  it("hands a well-formed request's body to the platform, counted while it waits for its response", async () => {
    acks.length = 0;
    const response = await post('{"hello":1}');
    expect(response.status).toBe(200);
    expect(bodies.at(-1)).toBe('{"hello":1}');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(acks).toEqual(["started", "finished"]);
  });

  it("takes only POST, and says so", async () => {
    const response = await fetch(`${server.url}/hook`);
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });

  it("runs the checks that need no body before reading it, then refuses a body over the limit", async () => {
    const count = bodies.length;
    expect((await post("{}", {})).status).toBe(401);
    const tooLarge = await post("x".repeat(64));
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toEqual({ error: "request body too large" });
    expect(bodies.length).toBe(count);
  });
});
