import { spawn, type ChildProcess } from "node:child_process";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../helpers/corpus.ts";
import { startFakeModelServer, type FakeModelServer } from "../helpers/fake-model-server.ts";
import { freePort } from "../helpers/free-port.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `npm start` in its own process group (its pid is the group id), as a supervisor or a terminal runs it. */
function startNpm(env: Record<string, string>) {
  const child = spawn("npm", ["start", "--silent"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: string | null }>((r) => child.once("exit", (code, signal) => r({ code, signal })));
  return { child, exited, output: () => output };
}

async function waitForHealth(port: number): Promise<{ ready: boolean; status: string; index: { documents: number } } | null> {
  for (const started = Date.now(); Date.now() - started < 60_000; await wait(250)) {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null);
    if (response?.status === 200) return response.json();
  }
  return null;
}

/** True once no process of the group is left (node, and the esbuild service tsx starts beside it). */
async function groupGone(pgid: number, withinMs = 5000): Promise<boolean> {
  for (const started = Date.now(); ; await wait(100)) {
    try {
      process.kill(-pgid, 0);
    } catch {
      return true;
    }
    if (Date.now() - started >= withinMs) return false;
  }
}

const portFree = (port: number) =>
  fetch(`http://127.0.0.1:${port}/healthz`).then(
    () => false,
    () => true,
  );

describe("npm start, as a new user and a supervisor run it", () => {
  let dir: { path: string; remove: () => Promise<void> };
  let model: FakeModelServer;
  const started: ChildProcess[] = [];
  beforeAll(async () => {
    dir = await tempDir();
    model = await startFakeModelServer();
  });
  afterAll(async () => {
    for (const child of started) if (!(await groupGone(child.pid!, 0))) process.kill(-child.pid!, "SIGKILL");
    await model?.close();
    await dir?.remove();
  });

  it("indexes the sample knowledge base into an empty data directory, reports ready, and stops cleanly on SIGTERM to npm", async () => {
    const port = await freePort();
    // Only what a fresh machine has: no credentials, no config file, an empty data directory.
    const env = { PATH: process.env.PATH!, HOME: process.env.HOME ?? dir.path, PORT: String(port), DOCENT_DB: join(dir.path, "data") };
    const npm = startNpm(env);
    started.push(npm.child);

    const health = await waitForHealth(port);
    expect(health, npm.output()).toMatchObject({ ready: true, status: "ok" });
    // The banner follows readiness by a moment.
    for (const waited = Date.now(); Date.now() - waited < 5000 && !/health: /.test(npm.output()); ) await wait(50);
    expect(health!.index.documents).toBeGreaterThanOrEqual(15);
    expect(npm.output()).toMatch(/Docent is running at http:\/\/localhost:\d+/);
    expect(npm.output()).toMatch(/answers: +extractive/);

    // What `docker stop`, `kill <pid>` and most process managers do: signal npm's own pid, and only it.
    process.kill(npm.child.pid!, "SIGTERM");
    expect(await npm.exited, npm.output()).toEqual({ code: 0, signal: null });
    expect(await groupGone(npm.child.pid!)).toBe(true);
    expect(await portFree(port)).toBe(true);
  }, 90_000);

  it("finishes the answer in flight and exits 0 when the whole process group is signalled (Ctrl-C, timeout, systemd)", async () => {
    // The model takes a while, so the question is still being answered when the signal arrives.
    model.script(() => ({ reply: "Primary caregivers get 16 weeks of paid leave [1].", delayMs: 1500 }));
    const port = await freePort();
    // The index the first test built: no indexing at start this time.
    const env = {
      PATH: process.env.PATH!,
      HOME: process.env.HOME ?? dir.path,
      PORT: String(port),
      DOCENT_DB: join(dir.path, "data"),
      OPENAI_BASE_URL: model.url,
      DOCENT_WATCH: "false",
    };
    const npm = startNpm(env);
    started.push(npm.child);
    expect(await waitForHealth(port), npm.output()).toMatchObject({ ready: true });

    const inFlight = fetch(`http://127.0.0.1:${port}/api/ask`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: "How many weeks of parental leave does the primary caregiver get?", thread: "t", user: "u" }),
    }).then((r) => r.text());
    await wait(500);
    // npm forwards the signal to node, which got it from the group already: node sees it twice, the
    // forwarded copy a moment later. Sending npm one more makes that moment certain.
    process.kill(-npm.child.pid!, "SIGTERM");
    await wait(200);
    npm.child.kill("SIGTERM");

    expect(await inFlight).toMatch(/event: answer\ndata: .*16 weeks/);
    expect(await npm.exited, npm.output()).toEqual({ code: 0, signal: null });
    expect(await groupGone(npm.child.pid!)).toBe(true);
    expect(await portFree(port)).toBe(true);
  }, 90_000);
});
