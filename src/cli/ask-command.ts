import { answerQuestion } from "../core/answer-question.ts";
import { createCoreDependencies } from "../core/create-core.ts";
import { cliAudience } from "./cli-audience.ts";
import { UsageError, type CliContext } from "./cli-context.ts";
import { loadRuntime, openIndexToSearch } from "./load-runtime.ts";
import { parseCommandArgs } from "./parse-command-args.ts";

/** `docent ask`; its name, summary and usage live in the command table (commands.ts). */
export async function askCommand(args: string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs("ask", args, {
    collection: { type: "string", multiple: true },
    as: { type: "string" },
    db: { type: "string" },
    json: { type: "boolean" },
  });
  const question = positionals.join(" ").trim();
  if (!question) throw new UsageError('docent ask: give a question, e.g. docent ask "how do I request time off?"');
  const audience = cliAudience(values.as);
  const runtime = await loadRuntime(context, { db: values.db });
  const { index } = await openIndexToSearch(runtime, context.stderr);
  try {
    const deps = createCoreDependencies(runtime.config, index, runtime.logger, runtime.embedder);
    if (values.collection) deps.scopes = { ...deps.scopes, "cli:cli": values.collection };
    const answer = await answerQuestion({ platform: "cli", user: "cli", conversation: "cli", thread: "cli", text: question, history: [], audience }, deps);
    if (values.json) {
      const citations = answer.citations.map((c) => ({ n: c.n, docId: c.docId, title: c.title, url: c.url, snippet: c.snippet }));
      context.stdout.write(`${JSON.stringify({ question, answer: answer.text, citations, grounded: answer.grounded, mode: answer.mode }, null, 2)}\n`);
      return 0;
    }
    context.stdout.write(`${answer.text}\n`);
    if (answer.citations.length) {
      context.stdout.write(
        `\nSources:\n${answer.citations.map((c) => `  [${c.n}] ${c.title}${c.heading ? ` › ${c.heading}` : ""}  ${c.url ?? c.docId}`).join("\n")}\n`,
      );
    }
    if (!answer.grounded)
      context.stdout.write(`\nNote: some statements could not be verified against the sources:\n${answer.unsupported.map((s) => `  - ${s}`).join("\n")}\n`);
  } finally {
    index.close();
  }
  return 0;
}
