import { audienceReaders } from "../core/audience-readers.ts";
import { rerankModel } from "../core/create-core.ts";
import { searchIndex } from "../retrieval/search-index.ts";
import { plainText } from "../shared/plain-text.ts";
import { cliAudience } from "./cli-audience.ts";
import { UsageError, type CliContext } from "./cli-context.ts";
import { loadRuntime, openIndexToSearch } from "./load-runtime.ts";
import { parseCommandArgs, parsePositiveInt } from "./parse-command-args.ts";

/** `docent search`; its name, summary and usage live in the command table (commands.ts). */
export async function searchCommand(args: string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs("search", args, {
    k: { type: "string" },
    collection: { type: "string", multiple: true },
    as: { type: "string" },
    db: { type: "string" },
    json: { type: "boolean" },
  });
  const query = positionals.join(" ").trim();
  if (!query) throw new UsageError('docent search: give a query, e.g. docent search "parental leave"');
  const k = parsePositiveInt(values.k, "--k", 5);
  const readers = audienceReaders(cliAudience(values.as));
  const runtime = await loadRuntime(context, { db: values.db });
  const { index } = await openIndexToSearch(runtime, context.stderr);
  try {
    const hits = await searchIndex(index, query, {
      k,
      collections: values.collection ?? null,
      readers,
      embedder: runtime.embedder,
      rerankBy: rerankModel(runtime.config.rerankByMeaning.search, runtime.embedder),
      logger: runtime.logger,
    });
    if (values.json) {
      const results = hits.map((hit) => ({
        rank: hit.rank,
        score: hit.score,
        docId: hit.docId,
        title: hit.title,
        url: hit.url,
        heading: hit.heading,
        text: hit.text,
      }));
      context.stdout.write(`${JSON.stringify({ query, results }, null, 2)}\n`);
    } else if (hits.length === 0) {
      context.stdout.write("no results\n");
    } else {
      for (const hit of hits) {
        const where = hit.heading ? ` › ${hit.heading}` : "";
        // As the answer would quote it: a table's rows named by its header, not its pipes and dashes.
        const text = plainText(hit.text).replace(/\s+/g, " ").trim();
        context.stdout.write(
          `${hit.rank}. ${hit.title}${where}  (${hit.score.toFixed(2)})\n   ${hit.url ?? hit.docId}\n   ${text.slice(0, 200)}${text.length > 200 ? "…" : ""}\n\n`,
        );
      }
    }
  } finally {
    index.close();
  }
  return 0;
}
