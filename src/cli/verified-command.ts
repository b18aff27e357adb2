import { createVerifiedAnswers } from "../feedback/verified-answers.ts";
import { verifiedTitle } from "../feedback/verified-answer-reader.ts";
import type { VerifiedAnswer } from "../feedback/verified-answer-store.ts";
import { UsageError, type CliContext } from "./cli-context.ts";
import { loadRuntime, openRuntimeIndex } from "./load-runtime.ts";
import { parseCommandArgs } from "./parse-command-args.ts";
import { shortTime } from "./short-time.ts";

/** `docent verified list|retire`; its name, summary and usage live in the command table (commands.ts). */
export async function verifiedCommand(args: string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs("verified", args, { all: { type: "boolean" }, db: { type: "string" }, json: { type: "boolean" } });
  const [action, ...rest] = positionals;
  if (action !== "list" && action !== "retire") throw new UsageError('docent verified: say "list" or "retire ID" (see docent verified --help)');
  if (action === "list" && rest.length > 0) throw new UsageError("docent verified list: takes no arguments");
  if (action === "retire" && rest.length !== 1) throw new UsageError("docent verified retire: give exactly one id (docent verified list shows them)");
  const runtime = await loadRuntime(context, { db: values.db });
  const index = await openRuntimeIndex(runtime, { mustExist: true });
  // Like `docent ingest`, this command writes the index itself: a retired answer stops being cited at once.
  const verified = createVerifiedAnswers({ index, embedder: runtime.embedder, logger: runtime.logger, writer: true });
  try {
    if (action === "list") {
      const answers = await verified.list({ includeRetired: values.all });
      if (values.json) context.stdout.write(`${JSON.stringify({ verified: answers }, null, 2)}\n`);
      else context.stdout.write(answers.length ? formatAnswers(answers) : "no verified answers yet\n");
      return 0;
    }
    const id = rest[0]!;
    const retired = await verified.retire(id);
    if (!retired) {
      const known = await verified.find(id);
      context.stderr.write(`docent verified retire: ${known ? `${id} is already retired` : `no verified answer has the id ${id}`}\n`);
      return 1;
    }
    await verified.flush();
    if (values.json) context.stdout.write(`${JSON.stringify({ retired: id }, null, 2)}\n`);
    else context.stdout.write(`retired ${id}: answers no longer cite it\n`);
    return 0;
  } finally {
    index.close();
  }
}

function formatAnswers(answers: VerifiedAnswer[]): string {
  return `${answers
    .map((answer) => {
      const lines = [`${answer.id}  ${shortTime(answer.verifiedAt)}  ${answer.question}${answer.retired ? "  (retired)" : ""}`];
      lines.push(`    ${verifiedTitle(answer)} (${answer.verifiedBy.platform} ${answer.verifiedBy.id})${answer.link ? `  ${answer.link}` : ""}`);
      const text = answer.answer.replace(/\s+/g, " ");
      lines.push(`    ${text.length > 160 ? `${text.slice(0, 157)}…` : text}`);
      return lines.join("\n");
    })
    .join("\n")}\n`;
}
