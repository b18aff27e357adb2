import { teamsPackageCommand } from "../adapters/teams/teams-package-command.ts";
import { ConfigError } from "./config.ts";
import { SourceError } from "./ingest/source-reader.ts";
import { CredentialRejectedError } from "./server/credential-rejected-error.ts";
import { UsageError, type CliContext, type Command } from "./cli/cli-context.ts";
import { askCommand } from "./cli/ask-command.ts";
import { evalCommand } from "./cli/eval-command.ts";
import { feedbackCommand } from "./cli/feedback-command.ts";
import { ingestCommand } from "./cli/ingest-command.ts";
import { searchCommand } from "./cli/search-command.ts";
import { serveCommand } from "./cli/serve-command.ts";
import { sourcesCommand } from "./cli/sources-command.ts";

const COMMANDS: Command[] = [serveCommand, ingestCommand, searchCommand, askCommand, evalCommand, feedbackCommand, sourcesCommand, teamsPackageCommand];

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
export async function main(argv: string[], context: CliContext = { env: process.env, cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr }): Promise<number> {
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
    return await command.run(args, context);
  } catch (error) {
    if (error instanceof UsageError || error instanceof SourceError) {
      context.stderr.write(`docent ${name}: ${error.message.replace(/^docent \w+: /, "")}\n`);
      return 2;
    }
    if (error instanceof ConfigError || error instanceof CredentialRejectedError) {
      context.stderr.write(`docent ${name}: ${error.message}\n`);
      return 2;
    }
    context.stderr.write(`docent ${name}: ${(error as Error).message ?? String(error)}\n`);
    return 1;
  }
}
