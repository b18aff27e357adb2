import { spawn } from "node:child_process";
import { gitEnvironment } from "./run-git.ts";

/**
 * When each file was last changed, from one `git log` over the history (newest first), stopped as soon as
 * every wanted file has its date: one process for the whole repository instead of one per file.
 * Paths are relative to the repository root; the time is the commit's (milliseconds since the epoch).
 * A file git does not know (untracked) is left out of the map.
 */
export function gitFileDates(repository: string, wanted: ReadonlySet<string>, subfolder?: string): Promise<Map<string, number>> {
  const dates = new Map<string, number>();
  if (wanted.size === 0) return Promise.resolve(dates);
  const args = ["-c", "core.quotepath=off", "log", "--format=%x00%x01%ct", "--name-only", "--no-renames", "-z", "HEAD", "--", subfolder || "."];
  return new Promise((resolve, reject) => {
    const child = spawn("git", args, { cwd: repository, env: gitEnvironment(), stdio: ["ignore", "pipe", "pipe"] });
    let pending = "";
    let time = 0;
    let stderr = "";
    let done = false;
    child.stdout.setEncoding("utf8");
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => (stderr += chunk));
    child.stdout.on("data", (chunk: string) => {
      if (done) return;
      const tokens = (pending + chunk).split("\0");
      pending = tokens.pop()!;
      for (const token of tokens) {
        // `-z` output: NUL, \x01 and the commit time, NUL, then the commit's paths, each ended by NUL (the first after a newline).
        if (token.startsWith("\x01")) {
          time = Number(token.slice(1)) * 1000;
          continue;
        }
        const path = token.replace(/^\n/, "");
        if (path && wanted.has(path) && !dates.has(path)) dates.set(path, time);
      }
      if (dates.size === wanted.size) {
        done = true;
        child.kill();
      }
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (done || code === 0) resolve(dates);
      else reject(new Error(`git log failed: ${stderr.trim().split("\n").at(-1) ?? `exit code ${code}`}`));
    });
  });
}
