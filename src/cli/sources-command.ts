import { createSyncLog } from "../retrieval/sync-log.ts";
import type { Command } from "./cli-context.ts";
import { loadRuntime, openRuntimeIndex } from "./load-runtime.ts";
import { parseCommandArgs } from "./parse-command-args.ts";

export const sourcesCommand: Command = {
  name: "sources",
  summary: "list the configured sources: documents indexed, last sync, last error",
  usage: `Usage: docent sources [options]

Options:
  --db DIR            index location (default: $DOCENT_DB or ./data/lancedb)
  --json              machine-readable output
  -h, --help          show this help`,
  async run(args, context) {
    const { values } = parseCommandArgs("sources", args, { db: { type: "string" }, json: { type: "boolean" } });
    const runtime = loadRuntime(context, { db: values.db });
    const index = await openRuntimeIndex(runtime, { mustExist: false });
    try {
      const table = await index.table();
      const rows = table ? await table.query().where("chunkIndex <= 0").select(["source"]).toArray() : [];
      const counts = new Map<string, number>();
      for (const row of rows) counts.set(String(row.source), (counts.get(String(row.source)) ?? 0) + 1);
      const runs = table ? await createSyncLog(index.connection).latest() : new Map();
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
        const last = s.lastSync ? `last sync ${s.lastSync.at.slice(0, 16).replace("T", " ")}${s.lastSync.ok ? "" : " (failed)"}` : "never synced";
        context.stdout.write(`${s.name}  [${s.type}, collection ${s.collection}]  ${s.location ?? ""}\n  ${s.documents} documents, ${last}\n`);
        if (s.lastError) context.stdout.write(`  last error ${s.lastError.at.slice(0, 16).replace("T", " ")}: ${s.lastError.error}\n`);
      }
    } finally {
      index.close();
    }
    return 0;
  },
};
