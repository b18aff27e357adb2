import { execFile, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { freePort } from "../test/helpers/free-port.ts";
import { percentile, type Metrics } from "./metrics.ts";
import { CORPUS } from "./retrieval-bench.ts";

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "..");
const BIN = join(ROOT, "bin/docent.js");
const QUERY = "how do I request paid parental leave";

/** Wall seconds of one process from spawn to exit. */
async function wall(args: string[], env: NodeJS.ProcessEnv = {}): Promise<number> {
  const started = performance.now();
  await run(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 });
  return (performance.now() - started) / 1000;
}

/** Seconds from spawning `docent serve` on an empty index until /healthz answers 200 (the sample KB indexed). */
async function serveReady(dir: string, env: NodeJS.ProcessEnv = {}): Promise<number> {
  const port = await freePort();
  const db = await mkdtemp(join(dir, "serve-"));
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, "serve"], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), DOCENT_DB: db, DOCENT_WATCH: "false", DOCENT_CONFIG: "", LOG_LEVEL: "error" },
    stdio: "ignore",
  });
  const exited = new Promise((resolveExit) => child.once("exit", resolveExit));
  try {
    for (;;) {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.status === 200) break;
      if (child.exitCode !== null) throw new Error(`docent serve exited with ${child.exitCode} before it was ready`);
      if (performance.now() - started > 120_000) throw new Error("docent serve was not ready within 2 minutes");
      await new Promise((r) => setTimeout(r, 25));
    }
    return (performance.now() - started) / 1000;
  } finally {
    child.kill("SIGTERM");
    await exited;
    await rm(db, { recursive: true, force: true });
  }
}

/**
 * How fast the `docent` command starts, next to a bare `node -e ""` measured in the same rounds (absolute
 * times move 2x with the load on these shared machines; the ratios much less). Rounds interleave the
 * commands so that a burst of load hits all of them. The baseline is the same command run from the
 * TypeScript sources through tsx (DOCENT_FROM_SOURCES=1), which is how every run went before the build.
 */
export async function benchCli(dir: string, metrics: Metrics, quick: boolean): Promise<void> {
  // Measure what `npm install` leaves: a current build.
  await run(process.execPath, [join(ROOT, "bin/build.js")], { cwd: ROOT });
  const db = join(dir, "cli-18f");
  await run(process.execPath, [BIN, "ingest", CORPUS, "--include", "pages/**", "--db", db], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });

  const rounds = quick ? 3 : 9;
  const fromSources = { DOCENT_FROM_SOURCES: "1" };
  const samples = { bare: [] as number[], help: [] as number[], search: [] as number[], helpTsx: [] as number[], searchTsx: [] as number[] };
  for (let round = 0; round < rounds + 1; round++) {
    const taken = {
      bare: await wall(["-e", ""]),
      help: await wall([BIN, "--help"]),
      search: await wall([BIN, "search", QUERY, "--db", db]),
      helpTsx: quick ? NaN : await wall([BIN, "--help"], fromSources),
      searchTsx: quick ? NaN : await wall([BIN, "search", QUERY, "--db", db], fromSources),
    };
    // The first round warms the file cache and is not counted.
    if (round > 0) for (const key of Object.keys(samples) as (keyof typeof samples)[]) samples[key].push(taken[key]);
  }
  const median = (values: number[]) => percentile(values, 50);
  const bare = median(samples.bare);
  const help = median(samples.help);
  const search = median(samples.search);
  metrics.add("node_bare_s", bare, "s", 0.3, "lower");
  metrics.add("cli_help_s", help, "s", 0.3, "lower", quick ? undefined : median(samples.helpTsx));
  metrics.add("cli_search_s", search, "s", 1.0, "lower", quick ? undefined : median(samples.searchTsx));
  // The targets above over a bare node of about 0.15 s, this machine's usual figure.
  metrics.add("cli_help_ratio_bare", help / bare, "x", 2, "lower", quick ? undefined : median(samples.helpTsx) / bare);
  metrics.add("cli_search_ratio_bare", search / bare, "x", 6.5, "lower", quick ? undefined : median(samples.searchTsx) / bare);

  // npm start on a fresh machine: the sample knowledge base indexed, then ready.
  const ready: number[] = [];
  const readyTsx: number[] = [];
  for (let round = 0; round < (quick ? 1 : 3); round++) {
    ready.push(await serveReady(dir));
    if (!quick) readyTsx.push(await serveReady(dir, fromSources));
  }
  metrics.add("serve_ready_sample_s", median(ready), "s", 10, "lower", quick ? undefined : median(readyTsx));
}
