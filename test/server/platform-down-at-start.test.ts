import { spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createSlackAdapter } from "../../adapters/slack/create-slack-adapter.ts";
import { createWebAdapter } from "../../adapters/web/create-web-adapter.ts";
import type { AdapterFactory } from "../../src/server/start-docent.ts";
import { tempDir } from "../helpers/corpus.ts";
import { deliverToSlackApp, startFakeSlackApi, type FakeSlackApi } from "../helpers/fake-slack-api.ts";
import { freePort } from "../helpers/free-port.ts";
import { startTestDocent } from "../helpers/start-test-docent.ts";
import { CHANNEL, eventCallback, mentionEvent } from "../adapters/slack/slack-payloads.ts";

const BIN = resolve(import.meta.dirname, "../../bin/docent.js");
const SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const slackEnv = (apiUrl: string) => ({ SLACK_BOT_TOKEN: "xoxb-test-token-0000", SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: apiUrl });
// Short waits between attempts, so that "Slack comes back" is seen within the test.
const slackWithQuickRetries: AdapterFactory = (context) => createSlackAdapter(context, { reconnect: { initialDelayMs: 150, maxDelayMs: 400 } });

interface Health {
  ready: boolean;
  status: string;
  reason?: string;
  platformHealth: Record<string, { status: string; reason?: string }>;
}

async function health(url: string): Promise<{ code: number; body: Health }> {
  const response = await fetch(`${url}/healthz`);
  return { code: response.status, body: (await response.json()) as Health };
}

async function waitForHealth(url: string, status: string, timeoutMs = 15_000): Promise<Health> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await health(url);
    if (body.status === status) return body;
    if (Date.now() > deadline) throw new Error(`/healthz still says ${JSON.stringify(body)} after ${timeoutMs} ms, waiting for "${status}"`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A question asked in a channel, and the bot's finished answer in its thread. */
async function askInSlack(url: string, fake: FakeSlackApi, question: string): Promise<string> {
  const event = mentionEvent({ text: question });
  const response = await deliverToSlackApp(`${url}/slack/events`, eventCallback(event), { signingSecret: SIGNING_SECRET });
  expect(response.status).toBe(200);
  const reply = await fake.waitFor(
    () => fake.thread(CHANNEL, event.ts).find((m) => !m.streaming && m.blocks.some((b) => b.type === "context_actions")),
    "the answer in the thread",
    15_000,
  );
  return fake.messageText(reply);
}

describe("Slack down at start-up", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it("answering 503: the server starts degraded, then Slack connects and answers", async () => {
    const fake = await startFakeSlackApi();
    cleanups.push(() => fake.close());
    // Down until the test has seen the server degraded: starting (the index, the model warmed up) can take
    // longer than a few of the adapter's quick retries.
    fake.fail("auth.test", { status: 503 }, 10_000);
    const { docent, stop } = await startTestDocent({ adapters: [slackWithQuickRetries, createWebAdapter], env: slackEnv(fake.url) });
    cleanups.push(stop);

    // Ready (the playground answers) while Slack is down, and says why Slack is not there.
    const down = await health(docent.url);
    expect(down.code).toBe(200);
    expect(down.body).toMatchObject({ ready: true, status: "degraded", platformHealth: { slack: { status: "degraded" }, web: { status: "ok" } } });
    expect(down.body.reason).toMatch(/^slack: Slack's Web API answered HTTP 503; \d+ attempts? failed, next at \d{4}-/);
    // An event that arrives while Slack is down is not acknowledged, so Slack delivers it again later. (Sent
    // before the playground is asked: its answer may take longer than Slack's quick retries.)
    const early = await deliverToSlackApp(`${docent.url}/slack/events`, eventCallback(mentionEvent({ text: "anyone there?" })), {
      signingSecret: SIGNING_SECRET,
    });
    expect(early.status).toBe(503);
    const asked = await fetch(`${docent.url}/api/ask`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: "How many weeks of parental leave does a primary caregiver get?", thread: "t1", user: "u1" }),
    });
    expect(await asked.text()).toMatch(/event: answer\ndata: .*16 weeks/);

    fake.recover("auth.test");
    const up = await waitForHealth(docent.url, "ok");
    expect(up.platformHealth.slack).toEqual({ status: "ok" });
    const statuses = fake.callsTo("auth.test").map((c) => c.status);
    expect(statuses.at(-1)).toBe(200);
    expect(statuses.slice(0, -1).length).toBeGreaterThan(0);
    expect(statuses.slice(0, -1).every((status) => status === 503)).toBe(true);
    expect(await askInSlack(docent.url, fake, "how many weeks of parental leave does the primary caregiver get?")).toMatch(/16 weeks/);
  }, 60_000);

  it("refusing connections: the server starts degraded, then Slack comes up and the adapter connects", async () => {
    const port = await freePort();
    const { docent, stop } = await startTestDocent({ adapters: [slackWithQuickRetries, createWebAdapter], env: slackEnv(`http://127.0.0.1:${port}/api/`) });
    cleanups.push(stop);

    const down = await health(docent.url);
    expect(down.code).toBe(200);
    expect(down.body.status).toBe("degraded");
    expect(down.body.platformHealth.slack!.reason).toMatch(/Slack's Web API cannot be reached \(.*ECONNREFUSED.*\); \d+ attempts? failed, next at /);

    const fake = await startFakeSlackApi({ port });
    cleanups.push(() => fake.close());
    await waitForHealth(docent.url, "ok");
    expect(await askInSlack(docent.url, fake, "how many weeks of parental leave does the primary caregiver get?")).toMatch(/16 weeks/);
  }, 60_000);

  it("a Socket Mode app token Slack refuses stops the start with the variable named", async () => {
    const fake = await startFakeSlackApi();
    cleanups.push(() => fake.close());
    fake.fail("apps.connections.open", { error: "invalid_auth" });
    const starting = startTestDocent({ adapters: [slackWithQuickRetries], env: { ...slackEnv(fake.url), SLACK_APP_TOKEN: "xapp-1-revoked" } });
    await expect(starting).rejects.toThrow("Slack rejected SLACK_APP_TOKEN (invalid_auth): set a valid SLACK_APP_TOKEN and start again");
    // Refused once, not retried.
    expect(fake.callsTo("apps.connections.open")).toHaveLength(1);
  });

  it("a bot token Slack refuses: docent serve exits 2 with one line naming SLACK_BOT_TOKEN", async () => {
    const fake = await startFakeSlackApi();
    cleanups.push(() => fake.close());
    fake.fail("auth.test", { error: "invalid_auth" });
    const dir = await tempDir();
    cleanups.push(dir.remove);
    const env = { PATH: process.env.PATH!, PORT: String(await freePort()), DOCENT_DB: join(dir.path, "db"), DOCENT_WATCH: "false", ...slackEnv(fake.url) };
    const child = spawn(process.execPath, [BIN, "serve"], { cwd: dir.path, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    const code = await new Promise<number | null>((r) => child.once("exit", (c) => r(c)));

    expect(code, stderr).toBe(2);
    // The server's log lines are JSON; the one line meant for a person is not.
    const plain = stderr.split("\n").filter((line) => line.trim() && !line.startsWith("{"));
    expect(plain).toEqual(["docent serve: Slack rejected SLACK_BOT_TOKEN (invalid_auth): set a valid SLACK_BOT_TOKEN and start again"]);
    expect(stdout).not.toMatch(/Docent is running/);
    expect(fake.callsTo("auth.test")).toHaveLength(1);
  }, 60_000);
});
