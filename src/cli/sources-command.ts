import { readSourceStatuses } from "../retrieval/read-source-statuses.ts";
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
    const sources = await readSourceStatuses(index, runtime.config.sources);
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
