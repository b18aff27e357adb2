#!/usr/bin/env node
// `npm run build`, and `prepare`, so `npm install` runs it: compiles the CLI and the server once into dist/
// (git-ignored), so that `docent` starts without transpiling TypeScript on every run. Each command and
// adapter becomes a chunk of its own, loaded only when used. A failed build never fails an install:
// bin/docent.js runs the sources through tsx whenever dist/ is missing or older than them.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const BUNDLED = /^zod(\/|$)/;
const dist = resolve(root, "dist");
// Taken before any source is read: a file saved while the build runs counts as newer than the build.
const builtAt = Date.now();
try {
  const esbuild = await import("esbuild");
  rmSync(dist, { recursive: true, force: true });
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: ["src/cli.ts"],
    outdir: "dist",
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    // Dependencies stay in node_modules, loaded by node as usual (native modules, data files, workers),
    // except zod: bundled, it loads in half the time of its hundred-odd module files.
    plugins: [
      {
        name: "external-dependencies",
        setup(build) {
          build.onResolve({ filter: /^[^./]/ }, (args) => (BUNDLED.test(args.path) ? undefined : { path: args.path, external: true }));
        },
      },
    ],
    // One flat folder: every chunk's import.meta.dirname is dist/.
    chunkNames: "[name]-[hash]",
    metafile: true,
    logLevel: "warning",
  });
  mkdirSync(dist, { recursive: true });
  // What bin/docent.js compares modification times against, to never run a build older than its sources.
  const inputs = Object.keys(result.metafile.inputs).filter((path) => !path.includes("node_modules/"));
  writeFileSync(resolve(dist, "build-info.json"), `${JSON.stringify({ builtAt, inputs })}\n`);
  if (process.env.npm_lifecycle_event === "build")
    console.log(`built dist/ from ${inputs.length} source files in ${((Date.now() - builtAt) / 1000).toFixed(1)} s`);
} catch (error) {
  rmSync(dist, { recursive: true, force: true });
  console.warn(
    `docent: not built (${String(error?.message ?? error).split("\n")[0]}); the docent command runs the TypeScript sources through tsx instead, which starts slower`,
  );
}
