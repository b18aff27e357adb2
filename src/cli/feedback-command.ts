import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { createFeedbackStore } from "../feedback/feedback-store.ts";
import { createVerifiedAnswerStore } from "../feedback/verified-answer-store.ts";
import type { CliContext } from "./cli-context.ts";
import { shortTime } from "./short-time.ts";
import { loadRuntime, openRuntimeIndex } from "./load-runtime.ts";
import { parseCommandArgs, parsePositiveInt } from "./parse-command-args.ts";

/** `docent feedback`; its name, summary and usage live in the command table (commands.ts). */
export async function feedbackCommand(args: string[], context: CliContext): Promise<number> {
  const { values } = parseCommandArgs("feedback", args, {
    limit: { type: "string" },
    db: { type: "string" },
    json: { type: "boolean" },
    "export-eval": { type: "string" },
  });
  const limit = parsePositiveInt(values.limit, "--limit", 20);
  const runtime = await loadRuntime(context, { db: values.db });
  const index = await openRuntimeIndex(runtime, { mustExist: true });
  try {
    const exportTo = values["export-eval"];
    if (exportTo) {
      const lines = await createFeedbackStore(index.connection).regressionSet(await createVerifiedAnswerStore(index.connection).list());
      await writeFile(resolve(context.cwd, exportTo), lines.map((line) => `${JSON.stringify(line)}\n`).join(""));
      const verified = lines.filter((line) => line.id.startsWith("verified-")).length;
      const summary = { file: exportTo, questions: lines.length, liked: lines.length - verified, verified };
      context.stdout.write(
        values.json
          ? `${JSON.stringify(summary, null, 2)}\n`
          : `wrote ${lines.length} questions to ${exportTo}: ${summary.liked} liked answers, ${verified} verified answers\n`,
      );
      return 0;
    }
    const report = await createFeedbackStore(index.connection).report({ limit: values.json ? Number.MAX_SAFE_INTEGER : limit });
    if (values.json) {
      const { total, positive, negative, items } = report;
      context.stdout.write(`${JSON.stringify({ total, positive, negative, items }, null, 2)}\n`);
      return 0;
    }
    if (report.total === 0) {
      context.stdout.write("no feedback yet\n");
      return 0;
    }
    const rate = report.satisfaction === null ? "" : ` (${Math.round(report.satisfaction * 100)}% satisfied)`;
    context.stdout.write(`${report.total} votes: ${report.positive} 👍, ${report.negative} 👎${rate}\n`);
    if (report.downvotedDocuments.length) {
      context.stdout.write(
        `\nDocuments behind thumbs-down:\n${report.downvotedDocuments
          .slice(0, 10)
          .map((d) => `  ${d.count}× ${d.docId}`)
          .join("\n")}\n`,
      );
    }
    context.stdout.write(
      `\nLatest:\n${report.items.map((i) => `  ${shortTime(i.at)} ${i.rating === "up" ? "👍" : "👎"} [${i.platform}] ${i.question}${i.comment ? `\n      “${i.comment}”` : ""}`).join("\n")}\n`,
    );
  } finally {
    index.close();
  }
  return 0;
}
