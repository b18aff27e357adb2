import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TurnContext } from "@microsoft/agents-hosting";
import { createAgentsCloudAdapter } from "../../../adapters/teams/create-agents-cloud-adapter.ts";
import { createMessagesRoute, MESSAGES_PATH } from "../../../adapters/teams/create-messages-route.ts";
import { silentLogger } from "../../../src/logger.ts";
import { startServer, type RunningServer } from "../../../src/server/start-server.ts";
import { feedbackInvoke, personalMessage } from "./fixtures/activities.ts";

describe("Teams' /api/messages: a message is acknowledged before its turn runs", () => {
  let server: RunningServer;
  const turns: string[] = [];
  const deferred: (() => void)[] = [];
  beforeAll(async () => {
    const logger = silentLogger();
    const route = createMessagesRoute({
      adapter: createAgentsCloudAdapter({}, logger),
      logic: async (context: TurnContext) => {
        turns.push(context.activity.type);
      },
      logger,
      authenticated: false,
      defer: (work) => deferred.push(work),
    });
    server = await startServer({ port: 0, host: "127.0.0.1", routes: [route], health: () => ({ ready: true, status: "ok" }), logger });
  });
  afterAll(() => server.close());
  const post = (activity: object) =>
    fetch(`${server.url}${MESSAGES_PATH}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(activity) });

  it("answers 200 at once and runs the SDK's turn when the burst it came in is acknowledged", async () => {
    turns.length = 0;
    const response = await post(personalMessage("http://127.0.0.1:9/", "how often are laptops replaced?"));
    expect(response.status).toBe(200);
    expect(turns).toEqual([]);
    expect(deferred).toHaveLength(1);
    deferred.shift()!();
    await expect.poll(() => turns).toEqual(["message"]);
  });

  it("still refuses with 400, before acknowledging, what the SDK's own schema refuses", async () => {
    const response = await post({ ...personalMessage("http://127.0.0.1:9/", "hello?"), id: "" });
    expect(response.status).toBe(400);
    expect(deferred).toHaveLength(0);
  });

  it("runs an invoke's turn before answering, since its response carries the turn's status", async () => {
    turns.length = 0;
    const response = await post(feedbackInvoke("http://127.0.0.1:9/", { replyToId: "a1", reaction: "like" }));
    expect(turns).toEqual(["invoke"]);
    expect(deferred).toHaveLength(0);
    // This turn gives the invoke no response: the SDK's own 501 comes back, not an early 200.
    expect(response.status).toBe(501);
  });
});
