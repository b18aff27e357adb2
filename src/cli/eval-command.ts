import { resolve } from "node:path";
import { createCoreDependencies } from "../core/create-core.ts";
import { evaluatePipeline, type PipelineReport } from "../core/evaluate-pipeline.ts";
import { readQuestionSet } from "../retrieval/evaluate-retrieval.ts";
import { UsageError, type CliContext } from "./cli-context.ts";
import { loadRuntime, openIndexToSearch } from "./load-runtime.ts";
import { parseCommandArgs, parsePositiveInt } from "./parse-command-args.ts";

/** `docent eval`; its name, summary and usage live in the command table (commands.ts). */
export async function evalCommand(args: string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs("eval", args, {
    k: { type: "string" },
    answers: { type: "boolean" },
    collection: { type: "string", multiple: true },
    db: { type: "string" },
    json: { type: "boolean" },
  });
  if (positionals.length !== 1) throw new UsageError("docent eval: give exactly one question file, e.g. docent eval questions.jsonl");
  const k = parsePositiveInt(values.k, "--k", 5);
  const questions = await readQuestionSet(resolve(context.cwd, positionals[0]!)).catch((error: NodeJS.ErrnoException) => {
    throw error.code === "ENOENT" ? new UsageError(`docent eval: ${positionals[0]} does not exist`) : error;
  });
  const runtime = await loadRuntime(context, { db: values.db });
  const { index, retrieval } = await openIndexToSearch(runtime, context.stderr);
  let report: PipelineReport;
  try {
    const deps = createCoreDependencies(runtime.config, index, runtime.logger, runtime.embedder);
    report = await evaluatePipeline(questions, deps, { k, collections: values.collection ?? null, answers: values.answers ?? false });
  } finally {
    index.close();
  }
  if (values.json) {
    context.stdout.write(`${JSON.stringify({ ...report, retrieval }, null, 2)}\n`);
    return 0;
  }
  context.stdout.write(formatReport(report, k, retrieval));
  return 0;
}

function formatReport(report: PipelineReport, k: number, retrieval: string): string {
  const pct = (value: number) => value.toFixed(3);
  const misses = report.perQuestion.filter((q) => !q.hit).map((q) => q.id);
  const rows: [string, string][] = [
    ["questions", String(report.questions)],
    ["retrieval", retrieval],
    [`hit@${k}`, pct(report.hitAtK)],
    [`recall@${k}`, pct(report.recallAtK)],
    ["MRR", pct(report.mrr)],
    [`nDCG@${k}`, pct(report.ndcgAtK)],
  ];
  if (report.answerInTopK !== null) rows.push([`answer in top ${k}`, pct(report.answerInTopK)]);
  if (report.unanswerable.questions) rows.push(["unanswerable", `${report.unanswerable.questions} (declined ${report.unanswerable.declined})`]);
  const answers = report.answers;
  if (answers) {
    rows.push(["", ""], ["answers", `${answers.answerable} answerable, ${answers.unanswerable.questions} unanswerable`]);
    rows.push(["wrongly declined", `${answers.wronglyDeclined} of ${answers.answerable}`]);
    if (answers.unanswerable.questions) rows.push(["declined", `${answers.unanswerable.declined} of ${answers.unanswerable.questions} unanswerable`]);
    rows.push(["citation precision", pct(answers.citationPrecision)], ["first cite relevant", pct(answers.firstCitationRelevant)]);
    if (answers.holdsAnswer !== null) rows.push(["holds the answer", pct(answers.holdsAnswer)]);
    rows.push(["grounded", pct(answers.grounded)]);
  }
  // Which questions to read first, by what went wrong: the figures say how often, these say where.
  const review: [string, string[]][] = [[`not in top ${k}`, misses]];
  if (answers) {
    const answerable = new Set(report.perQuestion.map((q) => q.id));
    const given = answers.perQuestion.filter((q) => q.mode !== "no-answer");
    review.push(
      ["wrongly declined", answers.perQuestion.filter((q) => q.mode === "no-answer" && answerable.has(q.id)).map((q) => q.id)],
      ["answered, unanswerable", given.filter((q) => !answerable.has(q.id)).map((q) => q.id)],
      ["first cite not relevant", given.filter((q) => q.firstCitationRelevant === false).map((q) => q.id)],
      ["answer lacks the quote", given.filter((q) => q.holdsAnswer === false).map((q) => q.id)],
      ["not grounded", given.filter((q) => q.grounded === false).map((q) => q.id)],
    );
  }
  const toReview = review.filter(([, ids]) => ids.length);
  if (toReview.length) rows.push(["", ""], ["to review", ""], ...toReview.map(([label, ids]): [string, string] => [label, idList(ids)]));
  const width = Math.max(...rows.map(([label]) => label.length));
  return `${rows.map(([label, value]) => (label ? `${label.padEnd(width)}  ${value}`.trimEnd() : "")).join("\n")}\n`;
}

/** Question ids, the first few of a long list: a terminal line, not the whole set (`--json` has every question). */
function idList(ids: string[]): string {
  const shown = 12;
  return ids.length > shown ? `${ids.slice(0, shown).join(", ")} and ${ids.length - shown} more` : ids.join(", ");
}
