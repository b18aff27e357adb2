import { constants } from "node:os";
import { defaultAdapters } from "./default-adapters.ts";
import { startDocent } from "../server/start-docent.ts";
import { createLogger } from "../logger.ts";
import type { CliContext } from "./cli-context.ts";
import { loadRuntime } from "./load-runtime.ts";
import { parseCommandArgs, parsePositiveInt } from "./parse-command-args.ts";
import { createProgressReporter } from "./progress-reporter.ts";

const REPEAT_MEANS_FORCE_AFTER_MS = 1000;

/** `docent serve`; its name, summary and usage live in the command table (commands.ts). */
export async function serveCommand(args: string[], context: CliContext): Promise<number> {
  const { values } = parseCommandArgs("serve", args, { port: { type: "string" }, db: { type: "string" } });
  const runtime = await loadRuntime(context, { db: values.db });
  const { config, embedder } = runtime;
  if (values.port) config.port = parsePositiveInt(values.port, "--port", config.port);
  // The server logs as JSON lines at the configured level (pino), unlike the one-shot commands.
  const logger = createLogger({ level: config.logLevel });
  // Signals are caught from the start: one that arrives while the first index is built still stops cleanly.
  let signalled: (signal: string) => void = () => undefined;
  const stopped = new Promise<string>((resolve) => (signalled = resolve));
  let firstSignalAt: number | null = null;
  const onSignal = (signal: NodeJS.Signals) => {
    if (firstSignalAt === null) {
      firstSignalAt = Date.now();
      signalled(signal);
      return;
    }
    // Under `npm start` one request to stop arrives twice: npm forwards the signal it got, and Ctrl-C,
    // `timeout` or systemd signal node's process group as well. Only a later one means "stop now".
    if (Date.now() - firstSignalAt < REPEAT_MEANS_FORCE_AFTER_MS) return;
    logger.warn({ signal }, "second signal: exiting without finishing the answers in flight");
    process.exit(128 + constants.signals[signal]);
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);

  const progress = createProgressReporter(context.stderr, "index");
  const docent = await startDocent({ config, logger, embedder, adapters: defaultAdapters, onSyncProgress: (p) => progress.update(p) });
  progress.stop();

  const status = await docent.indexStatus().catch(() => null);
  const lines = [
    `Docent is running at ${docent.url}`,
    `  answers:     ${config.llm ? `LLM ${config.llm.chatModel}${config.llm.baseURL ? ` at ${config.llm.baseURL}` : ""}` : "extractive (no LLM configured; set OPENAI_API_KEY or OPENAI_BASE_URL)"}`,
    status
      ? `  index:       ${status.documents} documents, ${status.chunks} chunks in ${status.collections.join(", ") || "no collections"} (${config.dbPath})`
      : `  index:       CANNOT BE READ at ${config.dbPath}; /healthz says why and turns ready once it can`,
    `  retrieval:   ${status?.embeddingModel ? `hybrid, embeddings ${status.embeddingModel}` : "full-text"}`,
    ...docent.adapters.map((adapter) => `  ${adapter.banner}`),
    `  health:      ${docent.url}/healthz`,
  ];
  if (status?.lastSync && !status.lastSync.ok) lines.push(`  warning: the first sync failed: ${status.lastSync.error}`);
  context.stdout.write(`${lines.join("\n")}\n`);

  const signal = await stopped;
  logger.info({ signal }, "shutting down: finishing answers in flight");
  await docent.stop();
  return 0;
}
