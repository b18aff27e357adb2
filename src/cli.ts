import { UsageError, type CliContext } from "./cli/cli-context.ts";
import { COMMANDS } from "./cli/commands.ts";
import { SourceError } from "./ingest/source-reader.ts";
import { CredentialRejectedError } from "./server/credential-rejected-error.ts";
import { SetupError } from "./shared/setup-error.ts";

// Only the command table is loaded up front: each command imports its own modules when it runs, so
// `docent --help` costs little more than starting node.

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `Docent answers questions in Slack and Teams from your company's documents, citing every claim.

Usage: docent <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join("\n")}

Run docent <command> --help for a command's options.
`;
}

/** Runs one command; returns the exit code: 0 success, 1 runtime failure, 2 bad usage (DESIGN). */
export async function main(
  argv: string[],
  context: CliContext = { env: process.env, cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    context.stdout.write(help());
    return name ? 0 : 2;
  }
  if (name === "--version" || name === "-v") {
    context.stdout.write("docent 0.1.0\n");
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    context.stderr.write(`docent: unknown command "${name}" (commands: ${COMMANDS.map((c) => c.name).join(", ")})\n`);
    return 2;
  }
  // Every command's help works the same way, before any of its own parsing.
  if (args.includes("--help") || args.includes("-h")) {
    context.stdout.write(`${command.usage}\n`);
    return 0;
  }
  try {
    return await (await command.load())(args, context);
  } catch (error) {
    if (error instanceof UsageError || error instanceof SourceError || error instanceof SetupError) {
      context.stderr.write(`docent ${name}: ${error.message.replace(/^docent \w+: /, "")}\n`);
      return 2;
    }
    // config.ts (and zod with it) is only loaded here when the command already loaded it.
    const { ConfigError } = await import("./config.ts");
    if (error instanceof ConfigError || error instanceof CredentialRejectedError) {
      context.stderr.write(`docent ${name}: ${error.message}\n`);
      return 2;
    }
    context.stderr.write(`docent ${name}: ${(error as Error).message ?? String(error)}\n`);
    return 1;
  }
}
