import { spawn, type ChildProcess } from "node:child_process";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { tempDir } from "../helpers/corpus.ts";
import { freePort } from "../helpers/free-port.ts";

const ROOT = resolve(import.meta.dirname, "../..");


describe("npm start, as a new user runs it", () => {
  let child: ChildProcess | undefined;
  let cleanup: (() => Promise<void>) | undefined;
  afterAll(async () => {
    child?.kill("SIGTERM");
    await cleanup?.();
  });

  it("indexes the sample knowledge base into an empty data directory and reports ready", async () => {
    const dir = await tempDir();
    cleanup = dir.remove;
    const port = await freePort();
    // Only what a fresh machine has: no credentials, no config file, an empty data directory.
    const env = { PATH: process.env.PATH!, HOME: process.env.HOME ?? dir.path, PORT: String(port), DOCENT_DB: join(dir.path, "data") };
    child = spawn("npm", ["start", "--silent"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let output = "";
    child.stdout!.on("data", (chunk) => (output += chunk));
    child.stderr!.on("data", (chunk) => (output += chunk));

    const started = Date.now();
    let health: { ready: boolean; status: string; index: { documents: number } } | null = null;
    while (Date.now() - started < 60_000) {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null);
      if (response?.status === 200) {
        health = await response.json();
        break;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(health, output).toMatchObject({ ready: true, status: "ok" });
    // The banner follows readiness by a moment.
    for (let waited = Date.now(); Date.now() - waited < 5000 && !/health: /.test(output); ) await new Promise((r) => setTimeout(r, 50));
    expect(health!.index.documents).toBeGreaterThanOrEqual(15);
    expect(output).toMatch(/Docent is running at http:\/\/localhost:\d+/);
    expect(output).toMatch(/answers: +extractive/);

    // npm itself dies of the signal; the graceful exit of the server is specified in serve.test.ts.
    const exited = new Promise((r) => child!.once("exit", r));
    process.kill(-child.pid!, "SIGTERM");
    await exited;
  }, 90_000);
});
