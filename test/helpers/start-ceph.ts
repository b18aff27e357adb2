import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { mkdtemp, open, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import aws4 from "aws4";
import { freePort } from "./free-port.ts";

const START_SCRIPT = resolve(import.meta.dirname, "../../../shared/scripts/start-ceph-rgw.sh");
const CREDENTIALS = { accessKeyId: "LANCEKEY", secretAccessKey: "LANCESECRET" };
/** Ceph's monitor port is fixed by the script: test files that need a store take turns through this lock. */
const LOCK = join(tmpdir(), "docent-test-ceph.lock");
const MONITOR_PORT = 6789;

/** Resolves once nothing listens on the port any more (a killed daemon's socket is closed with it). */
async function waitForFreePort(port: number, timeoutMs: number): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; ; ) {
    const free = await new Promise<boolean>((resolveFree) => {
      const probe = createServer()
        .once("error", () => resolveFree(false))
        .listen(port, "127.0.0.1", () => probe.close(() => resolveFree(true)));
    });
    if (free) return;
    if (Date.now() > deadline) throw new Error(`port ${port} is still in use after ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function takeLock(timeoutMs: number): Promise<() => Promise<void>> {
  for (const deadline = Date.now() + timeoutMs; ; ) {
    try {
      const handle = await open(LOCK, "wx");
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(LOCK, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      // A lock left by a process that no longer runs (a killed test run) is stale.
      const holder = Number(await readFile(LOCK, "utf8").catch(() => "0"));
      if (holder > 0 && !isRunning(holder)) await rm(LOCK, { force: true });
      if (Date.now() > deadline) throw new Error(`another test holds the Ceph store (${LOCK}) for more than ${timeoutMs / 1000} s`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export interface TestObjectStore {
  endpoint: string;
  /** The AWS variables a Docent process needs to use this store. */
  env: Record<string, string>;
  createBucket(name: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A single-node Ceph with its S3 gateway (radosgw) on 127.0.0.1, started by the shared script, stopped by
 * its pids. Ceph's monitor listens on a fixed port, so one store per machine at a time: callers wait their turn.
 */
export async function startCeph(): Promise<TestObjectStore> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startCephOnce();
    } catch (error) {
      // Seen on loaded machines: the OSD refused by its own new monitor ("wrong fsid") or never up. A failed
      // start is noticed within seconds and cleaned up whole, so trying again is cheap; the logs are in the message.
      if (attempt === START_ATTEMPTS) throw error;
      process.stderr.write(`${(error as Error).message}\nstarting Ceph again (attempt ${attempt + 1} of ${START_ATTEMPTS})\n`);
      // A moment for the refused daemons' ports and files to be let go before the next try.
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
}

/** Three tries once failed all three on a loaded machine (each refused start is over in seconds). */
const START_ATTEMPTS = 5;
/** What an OSD that will never come up writes (its monitor refuses it): no reason to wait out the timeout. */
const OSD_REFUSED = /wrong fsid|init unable to|Operation not permitted/;

/**
 * Runs the start script as the leader of its own process group, so that the daemons outlive it when it
 * succeeds and that everything it started (its waiting loop included) can be killed at once when it fails.
 */
function runStartScript(dir: string, port: number, timeoutMs: number): Promise<void> {
  const script = spawn("bash", [START_SCRIPT, dir, String(port)], { detached: true, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  script.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<void>((resolveStarted, reject) => {
    // The watcher's file read can still be under way when the script exits: a settled start is never failed
    // (and its daemons never killed) afterwards, and a failure is reported once.
    let settled = false;
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      clearInterval(watch);
      clearTimeout(timer);
      script.removeAllListeners("exit");
      try {
        process.kill(-script.pid!, "SIGKILL");
      } catch {
        // the group is gone already
      }
      reject(new Error(`${why}${stderr.trim() ? `\n${stderr.trim().split("\n").slice(-5).join("\n")}` : ""}`));
    };
    const timer = setTimeout(() => fail(`the start script did not finish within ${timeoutMs / 1000} s`), timeoutMs);
    const watch = setInterval(async () => {
      const osdLog = await readFile(join(dir, "log", "osd-stdout.log"), "utf8").catch(() => "");
      if (!settled && OSD_REFUSED.test(osdLog)) fail("the OSD was refused by the monitor");
    }, 500);
    script.once("error", (error) => fail(`the start script could not be run: ${error.message}`));
    script.once("exit", (code) => {
      if (code !== 0) return fail(`the start script exited with code ${code}`);
      if (settled) return;
      settled = true;
      clearInterval(watch);
      clearTimeout(timer);
      resolveStarted();
    });
  });
}

async function startCephOnce(): Promise<TestObjectStore> {
  const release = await takeLock(600_000);
  const dir = await mkdtemp(join(tmpdir(), "docent-ceph-"));
  const port = await freePort();
  const stop = async () => {
    const pids = await Promise.all(["rgw", "osd", "mon"].map((name) => readFile(join(dir, "run", `${name}.pidx`), "utf8").catch(() => "")));
    for (const pid of pids.map((text) => Number(text.trim())).filter((pid) => pid > 0)) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    await waitForFreePort(MONITOR_PORT, 30_000).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
    await release();
  };
  try {
    // A monitor still shutting down holds the port, and the new cluster's OSD would join the dying one.
    await waitForFreePort(MONITOR_PORT, 30_000);
    await runStartScript(dir, port, 120_000);
  } catch (error) {
    const logs = await Promise.all(["osd-stdout.log", "osd.0.log", "mon-stdout.log"].map((name) => readFile(join(dir, "log", name), "utf8").catch(() => "")));
    await stop();
    const tails = logs.map((text) => text.trim().split("\n").slice(-8).join("\n")).join("\n---\n");
    throw new Error(`Ceph did not start: ${(error as Error).message}\n${tails}`);
  }
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    env: {
      AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL: endpoint,
      AWS_REGION: "us-east-1",
    },
    async createBucket(name) {
      // LanceDB does not create buckets; an S3 client would, with this same signed PUT.
      const request = aws4.sign({ host: `127.0.0.1:${port}`, path: `/${name}`, method: "PUT", service: "s3", region: "us-east-1" }, CREDENTIALS);
      const response = await fetch(`${endpoint}/${name}`, { method: "PUT", headers: request.headers as Record<string, string> });
      if (!response.ok) throw new Error(`could not create bucket ${name}: ${response.status} ${await response.text()}`);
    },
    stop,
  };
}
