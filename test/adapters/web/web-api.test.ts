import { networkInterfaces } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWebAdapter } from "../../../adapters/web/create-web-adapter.ts";
import type { DocentServer } from "../../../src/server/start-docent.ts";
import { startTestDocent } from "../../helpers/start-test-docent.ts";

/** Parses a server-sent-event body into [event, data] pairs. */
function events(body: string): [string, any][] {
  return body
    .split("\n\n")
    .filter(Boolean)
    .map((raw) => [/^event: (.*)$/m.exec(raw)![1]!, JSON.parse(/^data: (.*)$/m.exec(raw)![1]!)]);
}

describe("the playground's HTTP API", () => {
  let docent: DocentServer;
  let stop: () => Promise<void>;
  beforeAll(async () => ({ docent, stop } = await startTestDocent({ adapters: [createWebAdapter] })));
  afterAll(() => stop());

  const post = (path: string, body: string | object) =>
    fetch(`${docent.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });

  it("streams an answer as server-sent events, ending with the full answer", async () => {
    const response = await post("/api/ask", { text: "How do I report a phishing email?", thread: "t1", user: "u1" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/text\/event-stream/);
    const received = events(await response.text());
    expect(received[0]![0]).toBe("delta");
    const [name, answer] = received.at(-1)!;
    expect(name).toBe("answer");
    expect(answer).toMatchObject({ mode: "extractive", grounded: true });
    expect(answer.citations[0]).toMatchObject({
      n: 1,
      url: expect.stringMatching(/^https:\/\/kb\.example\.com\/security\//),
      age: expect.stringMatching(/^updated /),
    });
  });

  it("rejects malformed and oversized requests with a clear error, and keeps serving", async () => {
    expect((await post("/api/ask", "{not json")).status).toBe(400);
    const empty = await post("/api/ask", { text: "  ", thread: "t", user: "u" });
    expect(empty.status).toBe(400);
    expect((await empty.json()).error).toMatch(/text: the question is empty/);
    expect((await post("/api/ask", { text: "x".repeat(70_000), thread: "t", user: "u" })).status).toBe(413);
    expect((await fetch(`${docent.url}/api/ask`)).status).toBe(405);
    expect((await fetch(`${docent.url}/healthz`)).status).toBe(200);
  });

  it("records feedback for a known answer and refuses an unknown one", async () => {
    const received = events(await (await post("/api/ask", { text: "How many vacation days do I get?", thread: "t2", user: "u2" })).text());
    const answer = received.at(-1)![1];
    expect((await post("/api/feedback", { answerId: answer.id, user: "u2", rating: "up" })).status).toBe(200);
    expect((await post("/api/feedback", { answerId: "nope", user: "u2", rating: "up" })).status).toBe(404);
    const status = await (await fetch(`${docent.url}/api/admin/status`)).json();
    expect(status.feedback).toMatchObject({ total: 1, positive: 1 });
    expect(status.index.documents).toBeGreaterThanOrEqual(15);
  });

  it("lists knowledge gaps for the admin view: declined and thumbs-down questions, grouped, sortable by count and recency", async () => {
    const ask = async (text: string, thread: string) => events(await (await post("/api/ask", { text, thread, user: "u3" })).text()).at(-1)![1];
    const declined = [await ask("Can I bring my dog to the office?", "g1"), await ask("May I bring my dog along to the office?", "g2")];
    expect(declined.map((answer) => answer.mode)).toEqual(["no-answer", "no-answer"]);
    const disliked = await ask("How do I report a phishing email?", "g3");
    expect((await post("/api/feedback", { answerId: disliked.id, user: "u3", rating: "down", comment: "the address changed" })).status).toBe(200);

    const byCount = await fetch(`${docent.url}/api/admin/gaps`);
    expect(byCount.status).toBe(200);
    const { gaps } = await byCount.json();
    expect(gaps[0]).toMatchObject({ count: 2, declined: 2, questions: expect.arrayContaining(["Can I bring my dog to the office?"]) });
    expect(gaps).toContainEqual(
      expect.objectContaining({ question: "How do I report a phishing email?", count: 1, reasons: ["the address changed"], possiblyResolved: false }),
    );
    const byRecency = await (await fetch(`${docent.url}/api/admin/gaps?sort=recent&limit=1`)).json();
    expect(byRecency.gaps.map((gap: { question: string }) => gap.question)).toEqual(["How do I report a phishing email?"]);
    expect((await fetch(`${docent.url}/api/admin/gaps?sort=loudest`)).status).toBe(400);
  });

  it("serves its own assets and nothing outside them", async () => {
    const page = await fetch(`${docent.url}/`);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    expect(await page.text()).toMatch(/<title>Docent playground<\/title>/);
    expect((await fetch(`${docent.url}/app.js`)).headers.get("content-type")).toMatch(/javascript/);
    expect((await fetch(`${docent.url}/..%2f..%2fpackage.json`)).status).toBe(404);
    expect((await fetch(`${docent.url}/nothing-here.js`)).status).toBe(404);
    expect((await fetch(`${docent.url}/%E0%A4%A`)).status).toBe(400);
  });

  it("reports readiness on /healthz", async () => {
    const health = await (await fetch(`${docent.url}/healthz`)).json();
    expect(health).toMatchObject({ ready: true, status: "ok", llm: "extractive" });
    expect(health.index.documents).toBeGreaterThan(0);
  });
});

describe("the playground behind an access token", () => {
  it("refuses its API and admin view without the token, and serves them with it", async () => {
    const { docent, stop } = await startTestDocent({ adapters: [createWebAdapter], env: { DOCENT_ADMIN_TOKEN: "s3cret-token" } });
    try {
      const ask = (headers: Record<string, string>) =>
        fetch(`${docent.url}/api/ask`, {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body: JSON.stringify({ text: "vacation days?", thread: "t", user: "u" }),
        });
      expect((await ask({})).status).toBe(401);
      expect((await ask({ authorization: "Bearer wrong-token!" })).status).toBe(401);
      expect((await fetch(`${docent.url}/api/admin/status`)).status).toBe(401);
      expect((await ask({ authorization: "Bearer s3cret-token" })).status).toBe(200);
      expect((await fetch(`${docent.url}/api/admin/status`, { headers: { authorization: "Bearer s3cret-token" } })).status).toBe(200);
      // The page itself loads, so it can ask for the token.
      expect((await fetch(`${docent.url}/`)).status).toBe(200);
    } finally {
      await stop();
    }
  });
});

describe("the playground without an access token", () => {
  // The address another machine on the network would reach this one at.
  const lanAddress = Object.values(networkInterfaces())
    .flat()
    .find((entry) => entry && entry.family === "IPv4" && !entry.internal)?.address;

  it.skipIf(!lanAddress)("answers this machine only: a request from another address is refused", async () => {
    const { docent, stop } = await startTestDocent({ adapters: [createWebAdapter] });
    try {
      const port = new URL(docent.url).port;
      const fromLan = await fetch(`http://${lanAddress}:${port}/api/admin/status`);
      expect(fromLan.status).toBe(403);
      expect((await fromLan.json()).error).toMatch(/DOCENT_ADMIN_TOKEN/);
      expect((await fetch(`http://127.0.0.1:${port}/api/admin/status`)).status).toBe(200);
    } finally {
      await stop();
    }
  });
});
