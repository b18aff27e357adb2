import { realpath } from "node:fs/promises";
import { resolve } from "node:path";
import type { SourceConfig } from "../config.ts";
import { failedOutcomes, succeededOutcomes, syncSources, type SourceOutcome } from "../retrieval/sync-sources.ts";
import type { SyncSummary } from "../retrieval/sync-source.ts";
import { UsageError, type CliContext } from "./cli-context.ts";
import { loadRuntime, openRuntimeIndex } from "./load-runtime.ts";
import { parseCommandArgs } from "./parse-command-args.ts";
import { createProgressReporter } from "./progress-reporter.ts";
import { syncVerifiedAnswers } from "../feedback/sync-verified-answers.ts";
import { createVerifiedAnswerStore } from "../feedback/verified-answer-store.ts";

/** `docent ingest`; its name, summary and usage live in the command table (commands.ts). */
export async function ingestCommand(args: string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs("ingest", args, {
    collection: { type: "string" },
    "base-url": { type: "string" },
    include: { type: "string", multiple: true },
    exclude: { type: "string", multiple: true },
    db: { type: "string" },
    full: { type: "boolean" },
    json: { type: "boolean" },
  });
  if (values["base-url"] && !/^https?:\/\/\S+$/.test(values["base-url"]))
    throw new UsageError(`--base-url must be an http(s) URL, got "${values["base-url"]}"`);
  const runtime = await loadRuntime(context, { db: values.db });
  const sources = positionals.length
    ? await Promise.all(positionals.map((dir) => sourceForDirectory(resolve(context.cwd, dir), runtime.config.sources, values)))
    : runtime.config.sources;

  const index = await openRuntimeIndex(runtime, { mustExist: false });
  const firstBuild = !(await index.table());
  const progress = createProgressReporter(context.stderr, "ingest");
  let outcomes: SourceOutcome[];
  try {
    outcomes = await syncSources(index, sources, {
      full: values.full,
      embedder: runtime.embedder,
      logger: runtime.logger,
      graph: runtime.config.graph,
      onProgress: (p) => progress.update(p),
      credentials: runtime.config.sourceCredentials,
    });
    // The experts' verified answers are indexed too: a rebuild (--full, a new embedding model) must not lose them.
    if (await index.table()) {
      await syncVerifiedAnswers(index, createVerifiedAnswerStore(index.connection), {
        embedder: runtime.embedder,
        logger: runtime.logger,
        full: values.full,
      }).catch((error: Error) => context.stderr.write(`warning: could not index the verified answers: ${error.message}\n`));
    }
  } finally {
    progress.stop();
    index.close();
  }
  const summaries = succeededOutcomes(outcomes);
  const failures = failedOutcomes(outcomes);
  if (values.json) context.stdout.write(`${JSON.stringify({ sources: outcomes }, null, 2)}\n`);
  else context.stdout.write(formatSummaries(summaries));
  for (const failure of summaries.flatMap((s) => s.failed)) context.stderr.write(`warning: skipped ${failure.docId}: ${failure.error}\n`);
  for (const { docId, reason } of summaries.flatMap((s) => s.unreadable))
    context.stderr.write(`warning: ${docId} has no text to search: ${reason}. Run it through OCR (ocrmypdf, say) to index its text.\n`);
  const notRead = summaries.flatMap((s) => s.notRead);
  if (notRead.length) {
    const named = notRead.length > 5 ? `${notRead.slice(0, 5).join(", ")} and ${notRead.length - 5} more` : notRead.join(", ");
    const [documents, them] = notRead.length === 1 ? ["1 document is", "it"] : [`${notRead.length} documents are`, "them"];
    context.stderr.write(
      `warning: ${documents} in a format Docent does not read (${named}); save ${them} as PDF, DOCX, PPTX, XLSX, HTML or Markdown to index ${them}.\n`,
    );
  }
  for (const failure of failures)
    context.stderr.write(`docent ingest: ${failure.source === failure.error.split(" ")[0] ? "" : `${failure.source}: `}${failure.error}\n`);
  if (firstBuild && !runtime.embedder && !values.json && summaries.some((s) => s.chunks > 0)) context.stderr.write(LOCAL_EMBEDDINGS_TIP);
  if (failures.length === 0) return 0;
  // A source that is not there is the caller's mistake (2); one that broke while syncing is a failure (1).
  return failures.every((f) => f.isUsageError) ? 2 : 1;
}

/** Said once, when an index is first built full-text only: most people never learn the option exists. */
const LOCAL_EMBEDDINGS_TIP =
  "tip: DOCENT_EMBEDDING_MODEL=local also finds passages worded differently from the question, with a small model that runs " +
  'here (no server); on every handbook measured it answered more questions from the right page (README, "Answer quality"). ' +
  "It costs about 27 ms a passage to index: set it, then run `docent ingest --full`.\n";

/**
 * A directory given on the command line; if it is a configured source, that source's settings apply.
 * Its identity is its real path: the same folder reached through a symlink or from another working
 * directory is the same source, so a second ingest replaces the first instead of adding a copy.
 */
async function sourceForDirectory(
  given: string,
  configured: SourceConfig[],
  values: { collection?: string; "base-url"?: string; include?: string[]; exclude?: string[] },
): Promise<SourceConfig> {
  // A folder that does not exist keeps the path as given, for the error message.
  const real = (path: string) => realpath(path).catch(() => path);
  const path = await real(given);
  const configuredPaths = await Promise.all(configured.map((source) => (source.type === "folder" && source.path ? real(source.path) : null)));
  const known = configured.find((_, i) => configuredPaths[i] === path);
  return {
    name: known?.name ?? path,
    type: "folder",
    path,
    collection: values.collection ?? known?.collection ?? "default",
    baseUrl: values["base-url"] ?? known?.baseUrl,
    include: values.include ?? known?.include,
    exclude: values.exclude ?? known?.exclude,
    prettyUrls: known?.prettyUrls ?? false,
  };
}

function formatSummaries(summaries: SyncSummary[]): string {
  return summaries
    .map((s) => {
      const total = s.added + s.updated + s.unchanged;
      if (total === 0 && s.deleted === 0 && s.failed.length === 0)
        return `${s.source}: no documents found (no files, or none in a format Docent reads), nothing indexed\n`;
      if (s.added + s.updated + s.deleted + s.duplicatesRemoved === 0 && s.failed.length === 0) {
        return `${s.source}: all ${s.unchanged} documents unchanged, nothing to do (${s.chunks} chunks, ${s.seconds.toFixed(2)} s)\n`;
      }
      const failed = `${s.failed.length ? `, ${s.failed.length} failed` : ""}${s.unreadable.length ? `, ${s.unreadable.length} without text to search` : ""}`;
      const embedded = s.chunksEmbedded ? `, ${s.chunksEmbedded} embedded` : "";
      const duplicates = s.duplicatesRemoved ? `; ${s.duplicatesRemoved} duplicate copies from other sources removed` : "";
      return `${s.source}: ${s.added} added, ${s.updated} updated, ${s.deleted} deleted, ${s.unchanged} unchanged${failed}${duplicates}; ${s.chunksWritten} chunks written${embedded}, ${s.chunks} in the index; ${s.seconds.toFixed(2)} s\n`;
    })
    .join("");
}
