#!/usr/bin/env node
// The `docent` command. It runs the build in dist/ (made by `npm install` or `npm run build`) when that is
// at least as new as every source file it was built from, else the TypeScript sources through tsx: someone
// editing the sources never runs stale code, only slower code until the next `npm run build`.
import { readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");

/** About one stat per source file (~150): a millisecond or two, against seconds of transpiling. */
function buildIsCurrent() {
  try {
    const { builtAt, inputs } = JSON.parse(readFileSync(resolve(root, "dist/build-info.json"), "utf8"));
    statSync(resolve(root, "dist/cli.js"));
    return inputs.every((input) => statSync(resolve(root, input)).mtimeMs <= builtAt);
  } catch {
    // No build, a half-written one, or a source file that is gone: the sources are the truth.
    return false;
  }
}

// `docent search … | head` closes the pipe before the output ends: the reader's choice, not a failure.
process.stdout.on("error", (error) => {
  if (error.code !== "EPIPE") throw error;
  process.exit(process.exitCode ?? 0);
});

let main;
// DOCENT_FROM_SOURCES=1 runs the sources even over a current build (debugging; the benchmark's baseline).
if (process.env.DOCENT_FROM_SOURCES !== "1" && buildIsCurrent()) {
  ({ main } = await import("../dist/cli.js"));
} else {
  // Said only to a person at a terminal: scripts and tests read stderr for errors.
  if (process.stderr.isTTY && process.env.DOCENT_FROM_SOURCES !== "1")
    process.stderr.write("docent: running the sources (dist/ is missing or older than them; `npm run build` makes docent start faster)\n");
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import("../src/cli.ts"));
}
process.exitCode = await main(process.argv.slice(2));
