import { execFile } from "node:child_process";
import { SourceError } from "../source-reader.ts";

export interface RunGitOptions {
  cwd?: string;
  /** Default: 10 minutes, for a first clone of a large repository. */
  timeoutMs?: number;
}

/**
 * The environment every git process of ours runs in: git never prompts (a private repository without
 * credentials fails at once instead of hanging the sync), speaks plain C, and variables that would point
 * it at another repository (a hook's GIT_DIR, say) are left out.
 */
export function gitEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: "0", GCM_INTERACTIVE: "never", LC_ALL: "C" };
  for (const name of ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_CEILING_DIRECTORIES"]) delete env[name];
  return env;
}

/**
 * Runs the system `git` with an argument array, never through a shell, so a URL or branch from the config
 * cannot become a command, in gitEnvironment(). Resolves to standard output; a failure names the git command and git's own last words.
 */
export function runGit(args: string[], options: RunGitOptions = {}): Promise<string> {
  const env = gitEnvironment();
  return new Promise((resolve, reject) => {
    execFile("git", args, { cwd: options.cwd, env, timeout: options.timeoutMs ?? 600_000, maxBuffer: 256 * 2 ** 20 }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT") return reject(new SourceError("a git source needs the git command, which was not found"));
      const said =
        stderr
          .trim()
          .split("\n")
          .filter((line) => !/^(hint|warning):/i.test(line))
          .at(-1) ?? error.message;
      const command = args.find((arg) => !arg.startsWith("-") && !arg.includes("=")) ?? "git";
      reject(new Error(error.killed ? `git ${command} timed out` : `git ${command} failed: ${said}`));
    });
  });
}
