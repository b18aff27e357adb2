import { execFile } from "node:child_process";
import { cp, readFile, rm, symlink, utimes, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../helpers/corpus.ts";

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "../..");

/**
 * bin/docent.js runs the build in dist/ only while it is at least as new as every source it was built
 * from, else the sources through tsx. Checked in a copy of the project (the real dist/ is never touched),
 * by making the build and the sources say different things and seeing which one answers.
 */
describe("the docent command and its build", () => {
  let dir: { path: string; remove: () => Promise<void> };
  let project: string;
  const version = async () => (await run(process.execPath, [join(project, "bin/docent.js"), "--version"], { cwd: project })).stdout.trim();
  const build = () => run(process.execPath, [join(project, "bin/build.js")], { cwd: project });
  const builtCli = () => join(project, "dist/cli.js");

  beforeAll(async () => {
    dir = await tempDir();
    project = join(dir.path, "docent");
    for (const part of ["bin", "src", "adapters", "package.json"]) await cp(join(ROOT, part), join(project, part), { recursive: true });
    await symlink(join(ROOT, "node_modules"), join(project, "node_modules"));
  });
  afterAll(() => dir.remove());

  it("runs a current build, the sources once one of them is newer, and the build again once rebuilt", async () => {
    await build();
    // Mark the build, so that an answer from it can be told apart from one from the sources.
    await writeFile(builtCli(), (await readFile(builtCli(), "utf8")).replace("docent 0.1.0", "docent 0.1.0-built"));
    expect(await version()).toBe("docent 0.1.0-built");

    // Edit a source: the build is now older than it, so the sources run.
    const cli = join(project, "src/cli.ts");
    await writeFile(cli, (await readFile(cli, "utf8")).replace("docent 0.1.0", "docent 0.1.0-edited"));
    const later = new Date(Date.now() + 2000);
    await utimes(cli, later, later);
    expect(await version()).toBe("docent 0.1.0-edited");

    // A new build is current again (and carries the edit).
    await utimes(cli, new Date(), new Date());
    await build();
    await writeFile(builtCli(), (await readFile(builtCli(), "utf8")).replace("docent 0.1.0-edited", "docent 0.1.0-rebuilt"));
    expect(await version()).toBe("docent 0.1.0-rebuilt");

    // Without a build, the sources.
    await rm(join(project, "dist"), { recursive: true });
    expect(await version()).toBe("docent 0.1.0-edited");
  }, 60_000);
});
