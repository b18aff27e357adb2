import { describe, expect, it } from "vitest";
import { createGraphClient, retryDelayMs } from "../../src/shared/graph-client.ts";
import { startFakeGraph } from "../helpers/fake-graph.ts";

describe("the Microsoft Graph client", () => {
  it("waits as long as Retry-After says, in seconds or as a date, never longer than the cap", () => {
    expect(retryDelayMs("3", 1, 60_000)).toBe(3000);
    expect(retryDelayMs("600", 1, 60_000)).toBe(60_000);
    expect(retryDelayMs(new Date(Date.now() + 5000).toUTCString(), 1, 60_000)).toBeGreaterThan(3000);
    // Without the header: 1 s, 2 s, 4 s…
    expect([1, 2, 3].map((attempt) => retryDelayMs(null, attempt, 60_000))).toEqual([1000, 2000, 4000]);
  });

  it("never sends its token to a link outside the API's own address", async () => {
    const graph = await startFakeGraph();
    try {
      const client = createGraphClient({
        apiUrl: graph.apiUrl,
        loginUrl: graph.loginUrl,
        tenantId: graph.tenantId,
        clientId: graph.clientId,
        clientSecret: graph.clientSecret,
      });
      await expect(client.getJson("https://elsewhere.example/v1.0/drives")).rejects.toThrow(/outside/);
      expect(graph.requests).toEqual([]);
    } finally {
      await graph.close();
    }
  });

  it("gives up on a throttled request after its attempts, with Graph's error code", async () => {
    const graph = await startFakeGraph();
    try {
      graph.throttle(5, 0);
      const client = createGraphClient({
        apiUrl: graph.apiUrl,
        loginUrl: graph.loginUrl,
        tenantId: graph.tenantId,
        clientId: graph.clientId,
        clientSecret: graph.clientSecret,
        maxAttempts: 2,
      });
      await expect(client.getJson(`/drives/b!none`)).rejects.toMatchObject({ status: 429, code: "TooManyRequests" });
      expect(graph.graphRequests().length).toBe(2);
    } finally {
      await graph.close();
    }
  });
});
