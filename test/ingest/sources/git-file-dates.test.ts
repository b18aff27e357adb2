import { execFile } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { gitFileDates } from "../../../src/ingest/sources/git-file-dates.ts";
import { tempDir } from "../../helpers/corpus.ts";

const run = promisify(execFile);

describe("the last-change dates of a repository's files", () => {
  let dir: { path: string; remove: () => Promise<void> };
  const saved = process.env.GIT_DIR;

  beforeEach(async () => {
    dir = await tempDir();
    const repo = join(dir.path, "handbook");
    await mkdir(repo, { recursive: true });
    const env = {
      ...process.env,
      GIT_AUTHOR_NAME: "Ana",
      GIT_AUTHOR_EMAIL: "ana@example.com",
      GIT_COMMITTER_NAME: "Ana",
      GIT_COMMITTER_EMAIL: "ana@example.com",
    };
    const git = (args: string[], extra: Record<string, string> = {}) => run("git", args, { cwd: repo, env: { ...env, ...extra } });
    await git(["init", "--quiet", "--initial-branch=main"]);
    await writeFile(join(repo, "leave.md"), "# Leave\n");
    await git(["add", "--all"]);
    await git(["commit", "--quiet", "-m", "Leave"], { GIT_AUTHOR_DATE: "2024-01-10T09:00:00Z", GIT_COMMITTER_DATE: "2024-01-10T09:00:00Z" });
  });
  afterEach(async () => {
    if (saved === undefined) delete process.env.GIT_DIR;
    else process.env.GIT_DIR = saved;
    await dir.remove();
  });

  it("come from the repository asked about, even when GIT_DIR names another (as inside a git hook)", async () => {
    process.env.GIT_DIR = join(dir.path, "not-a-repository");
    const dates = await gitFileDates(join(dir.path, "handbook"), new Set(["leave.md"]));
    expect(dates.get("leave.md")).toBe(Date.parse("2024-01-10T09:00:00Z"));
  });
});
