import { execFile, spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CORPUS_18F, tempDir } from "../helpers/corpus.ts";

const BIN = resolve(import.meta.dirname, "../../bin/docent.js");
const run = promisify(execFile);

describe("an ingest killed halfway", () => {
  let dir: { path: string; remove: () => Promise<void> };
  beforeAll(async () => (dir = await tempDir()));
  afterAll(() => dir.remove());

  it("leaves an index the next sync completes, whenever the kill lands", async () => {
    const db = join(dir.path, "db");
    const args = [BIN, "ingest", CORPUS_18F, "--include", "pages/**", "--db", db, "--json"];
    // SIGKILL at different moments (the process needs about 1.5 s to start): while loading, while
    // creating the table, while indexing, after the commit.
    for (const delayMs of [1600, 2000, 2300, 2600]) {
      const child = spawn(process.execPath, args, { stdio: "ignore" });
      const exited = new Promise((r) => child.once("exit", r));
      await new Promise((r) => setTimeout(r, delayMs));
      child.kill("SIGKILL");
      await exited;

      const { stdout } = await run(process.execPath, args);
      const [summary] = JSON.parse(stdout).sources;
      expect(summary.error, `after a kill at ${delayMs} ms`).toBeUndefined();
      expect(summary.added + summary.updated + summary.unchanged).toBe(246);
      const search = await run(process.execPath, [BIN, "search", "paid parental leave", "--db", db, "--json"]);
      expect(JSON.parse(search.stdout).results[0].docId).toBe("pages/travel-and-leave/paid-parental-leave.md");
    }
  }, 120_000);
});
