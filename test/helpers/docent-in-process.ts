import { Writable } from "node:stream";
import { main } from "../../src/cli.ts";

/** Runs a `docent` command in-process with captured output and exit code, as the real binary would. */
export async function docentInProcess(args: string[], cwd: string, env: Record<string, string> = {}) {
  let stdout = "";
  let stderr = "";
  const sink = (append: (s: string) => void) => new Writable({ write: (chunk, _enc, done) => (append(String(chunk)), done()) });
  const code = await main(args, { env: { ...env }, cwd, stdout: sink((s) => (stdout += s)), stderr: sink((s) => (stderr += s)) });
  return { code, stdout, stderr };
}
