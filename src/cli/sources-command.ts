import { describeIndex } from "../retrieval/describe-index.ts";
import { createSyncLog } from "../retrieval/sync-log.ts";
import { shortTime } from "./short-time.ts";
import type { CliContext } from "./cli-context.ts";
import { loadRuntime, openRuntimeIndex } from "./load-runtime.ts";
import { parseCommandArgs } from "./parse-command-args.ts";

/** `docent sources`; its name, summary and usage live in the command table (commands.ts). */
export async function sourcesCommand(args: string[], context: CliContext): Promise<number> {
  const { values } = parseCommandArgs("sources", args, { db: { type: "string" }, json: { type: "boolean" } });
  const runtime = await loadRuntime(context, { db: values.db });
  const index = await openRuntimeIndex(runtime, { mustExist: false });
  try {
    const { documents } = await describeIndex(index);
    const counts = new Map<string, number>();
    for (const { source } of documents) counts.set(source, (counts.get(source) ?? 0) + 1);
    const runs = (await index.table()) ? await createSyncLog(index.connection).latest() : new Map();
    const sources = runtime.config.sources.map((source) => {
      const run = runs.get(source.name);
      return {
        name: source.name,
        type: source.type,
        location: source.path ?? source.url ?? null,
        collection: source.collection,
        documents: counts.get(source.name) ?? 0,
        lastSync: run ? { at: run.last.at, ok: run.last.ok } : null,
        lastError: run?.lastError ? { at: run.lastError.at, error: run.lastError.error } : null,
      };
    });
    if (values.json) {
      context.stdout.write(`${JSON.stringify({ sources }, null, 2)}\n`);
      return 0;
    }
    for (const s of sources) {
      const last = s.lastSync ? `last sync ${shortTime(s.lastSync.at)}${s.lastSync.ok ? "" : " (failed)"}` : "never synced";
      context.stdout.write(`${s.name}  [${s.type}, collection ${s.collection}]  ${s.location ?? ""}\n  ${s.documents} documents, ${last}\n`);
      if (s.lastError) context.stdout.write(`  last error ${shortTime(s.lastError.at)}: ${s.lastError.error}\n`);
    }
  } finally {
    index.close();
  }
  return 0;
}
