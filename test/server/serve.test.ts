import { spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../helpers/corpus.ts";
import { freePort } from "../helpers/free-port.ts";
import { startFakeModelServer, type FakeModelServer } from "../helpers/fake-model-server.ts";

const BIN = resolve(import.meta.dirname, "../../bin/docent.js");

describe("docent serve", () => {
  let model: FakeModelServer;
  let dir: { path: string; remove: () => Promise<void> };
  beforeAll(async () => {
    model = await startFakeModelServer();
    dir = await tempDir();
  });
  /** `docent serve` as a real process, on a free port with the shared index, once /healthz answers 200. */
  const serveUntilReady = async () => {
    const port = await freePort();
    const env = {
      PATH: process.env.PATH!,
      PORT: String(port),
      DOCENT_DB: join(dir.path, "db"),
      OPENAI_BASE_URL: model.url,
      DOCENT_WATCH: "false",
      LOG_LEVEL: "warn",
    };
    const child = spawn(process.execPath, [BIN, "serve"], { cwd: resolve(import.meta.dirname, "../.."), env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (c) => (output += c));
    child.stderr.on("data", (c) => (output += c));
    const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
    const base = `http://127.0.0.1:${port}`;
    for (let started = Date.now(); Date.now() - started < 30_000; ) {
      if ((await fetch(`${base}/healthz`).catch(() => null))?.status === 200) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    return { child, base, exited, output: () => output };
  };
  afterAll(async () => {
    await model.close();
    await dir.remove();
  });

  it("on SIGTERM stops taking requests, finishes the answer in flight, and exits 0", async () => {
    // The model takes a while, so the question is still being answered when the signal arrives.
    model.script(() => ({ reply: "Primary caregivers get 16 weeks of paid leave [1].", delayMs: 1500 }));
    const { child, base, exited, output } = await serveUntilReady();
    // The banner follows readiness by a moment.
    for (let started = Date.now(); Date.now() - started < 5000 && !/health: /.test(output()); ) await new Promise((r) => setTimeout(r, 50));
    expect(output()).toMatch(/answers: +LLM gpt-4o-mini at http:\/\/127\.0\.0\.1/);

    const inFlight = fetch(`${base}/api/ask`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: "How many weeks of parental leave does the primary caregiver get?", thread: "t", user: "u" }),
    }).then((r) => r.text());
    await new Promise((r) => setTimeout(r, 500));
    child.kill("SIGTERM");

    // New connections are refused soon after the signal (how soon depends on the machine's load).
    let refused = false;
    for (let tries = 0; tries < 30 && !refused; tries++) {
      refused = await fetch(`${base}/healthz`).then(
        () => false,
        () => true,
      );
      if (!refused) await new Promise((r) => setTimeout(r, 100));
    }
    expect(refused).toBe(true);
    expect(await inFlight).toMatch(/event: answer\ndata: .*16 weeks/);
    expect(await exited, output()).toBe(0);
  }, 60_000);

  it("stops at once on a second signal sent well after the first, when the answer in flight takes too long", async () => {
    model.script(() => ({ reply: "Primary caregivers get 16 weeks of paid leave [1].", delayMs: 20_000 }));
    // The index the first test built: no indexing at start this time.
    const { child, base, exited, output } = await serveUntilReady();
    const inFlight = fetch(`${base}/api/ask`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: "How many weeks of parental leave does the primary caregiver get?", thread: "t2", user: "u" }),
    }).then(
      (r) => r.text(),
      () => "connection closed",
    );
    await new Promise((r) => setTimeout(r, 500));
    child.kill("SIGTERM");
    // A copy arriving right away is the same request (npm forwarding it): the server keeps draining.
    await new Promise((r) => setTimeout(r, 100));
    child.kill("SIGTERM");
    const early = await Promise.race([exited, new Promise((r) => setTimeout(() => r("still draining"), 1500))]);
    expect(early, output()).toBe("still draining");

    const forcedAt = Date.now();
    child.kill("SIGTERM");
    expect(await exited, output()).toBe(128 + 15);
    expect(Date.now() - forcedAt).toBeLessThan(5000);
    expect(output()).toMatch(/second signal: exiting without finishing the answers in flight/);
    expect(await inFlight).not.toMatch(/16 weeks/);
  }, 60_000);
});
