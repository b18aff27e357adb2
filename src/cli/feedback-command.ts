import { createFeedbackStore } from "../feedback/feedback-store.ts";
import type { Command } from "./cli-context.ts";
import { shortTime } from "./short-time.ts";
import { loadRuntime, openRuntimeIndex } from "./load-runtime.ts";
import { parseCommandArgs, parsePositiveInt } from "./parse-command-args.ts";

export const feedbackCommand: Command = {
  name: "feedback",
  summary: "report thumbs-up/down feedback on answers",
  usage: `Usage: docent feedback [options]

Totals, the satisfaction rate, the documents behind thumbs-down and the latest votes with their questions.

Options:
  --limit N           how many recent votes to list (default 20)
  --db DIR            index location (default: $DOCENT_DB or ./data/lancedb)
  --json              machine-readable output
  -h, --help          show this help`,
  async run(args, context) {
    const { values } = parseCommandArgs("feedback", args, { limit: { type: "string" }, db: { type: "string" }, json: { type: "boolean" } });
    const limit = parsePositiveInt(values.limit, "--limit", 20);
    const runtime = loadRuntime(context, { db: values.db });
    const index = await openRuntimeIndex(runtime, { mustExist: true });
    try {
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
        context.stdout.write(`\nDocuments behind thumbs-down:\n${report.downvotedDocuments.slice(0, 10).map((d) => `  ${d.count}× ${d.docId}`).join("\n")}\n`);
      }
      context.stdout.write(
        `\nLatest:\n${report.items.map((i) => `  ${shortTime(i.at)} ${i.rating === "up" ? "👍" : "👎"} [${i.platform}] ${i.question}${i.comment ? `\n      “${i.comment}”` : ""}`).join("\n")}\n`,
      );
    } finally {
      index.close();
    }
    return 0;
  },
};
