import type { Writable } from "node:stream";

/** What a command may touch: passed in, so tests run commands in-process with captured output. */
export interface CliContext {
  env: Record<string, string | undefined>;
  cwd: string;
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
}

/** Bad usage: printed as one line, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
