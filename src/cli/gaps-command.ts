import { z } from "zod";
import { createFeedbackStore } from "../feedback/feedback-store.ts";
import type { KnowledgeGap } from "../feedback/read-knowledge-gaps.ts";
import { UsageError, type CliContext } from "./cli-context.ts";
import { loadRuntime, openRuntimeIndex } from "./load-runtime.ts";
import { parseCommandArgs, parsePositiveInt } from "./parse-command-args.ts";
import { shortTime } from "./short-time.ts";

const sortSchema = z.enum(["count", "recent"]);

/** `docent gaps`; its name, summary and usage live in the command table (commands.ts). */
export async function gapsCommand(args: string[], context: CliContext): Promise<number> {
  const { values } = parseCommandArgs("gaps", args, {
    limit: { type: "string" },
    sort: { type: "string" },
    db: { type: "string" },
    json: { type: "boolean" },
  });
  const limit = parsePositiveInt(values.limit, "--limit", 20);
  const sort = sortSchema.safeParse(values.sort ?? "count");
  if (!sort.success) throw new UsageError(`docent gaps: --sort must be "count" or "recent", not "${values.sort}"`);
  const runtime = await loadRuntime(context, { db: values.db });
  const index = await openRuntimeIndex(runtime, { mustExist: true });
  try {
    const gaps = await createFeedbackStore(index.connection).gaps({ sort: sort.data, limit });
    if (values.json) context.stdout.write(`${JSON.stringify({ gaps }, null, 2)}\n`);
    else context.stdout.write(gaps.length ? formatGaps(gaps) : "no knowledge gaps: no declined or thumbs-down questions yet\n");
  } finally {
    index.close();
  }
  return 0;
}

/** One block per gap: the count and last ask first, so a terminal reader scans what matters most. */
function formatGaps(gaps: KnowledgeGap[]): string {
  return `${gaps
    .map((gap) => {
      const lines = [`${String(gap.count).padStart(4)}×  ${shortTime(gap.lastAskedAt)}  ${gap.question}${gap.possiblyResolved ? "  (possibly resolved)" : ""}`];
      const others = gap.questions.filter((q) => q !== gap.question);
      if (others.length) lines.push(`       also: ${others.slice(0, 3).join(" · ")}${others.length > 3 ? ` (+${others.length - 3})` : ""}`);
      lines.push(`       ${gap.declined} declined, ${gap.downvoted} 👎${gap.docIds.length ? `; cited ${gap.docIds.slice(0, 3).join(", ")}` : ""}`);
      if (gap.unmentioned.length) lines.push(`       no document mentions: ${gap.unmentioned.join(", ")}`);
      if (gap.changedDocIds.length) lines.push(`       changed since: ${gap.changedDocIds.join(", ")}`);
      if (gap.verifiedAnswerIds.length) lines.push(`       verified answer since: ${gap.verifiedAnswerIds.join(", ")} (docent verified list)`);
      for (const reason of gap.reasons.slice(0, 3)) lines.push(`       “${reason}”`);
      return lines.join("\n");
    })
    .join("\n")}\n`;
}
