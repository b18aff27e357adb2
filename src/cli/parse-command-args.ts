import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "./cli-context.ts";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** node:util's parseArgs, with its errors turned into one-line usage errors (`--help` is handled by the CLI). */
export function parseCommandArgs<T extends Options>(command: string, args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, "").replace(/^Unknown option/, "unknown option");
    throw new UsageError(`docent ${command}: ${message} (see docent ${command} --help)`);
  }
}

export function parsePositiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} must be a positive whole number, got "${value}"`);
  return n;
}
