import { resolve } from "node:path";
import { ANSWER_PASSAGES } from "../core/answer-question.ts";
import { isRelevantEnough } from "../core/relevance-gate.ts";
import { evaluateRetrieval, readQuestionSet, type EvalReport } from "../retrieval/evaluate-retrieval.ts";
import { searchIndex } from "../retrieval/search-index.ts";
import { UsageError, type CliContext } from "./cli-context.ts";
import { loadRuntime, openRuntimeIndex } from "./load-runtime.ts";
import { parseCommandArgs, parsePositiveInt } from "./parse-command-args.ts";

/** `docent eval`; its name, summary and usage live in the command table (commands.ts). */
export async function evalCommand(args: string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs("eval", args, {
    k: { type: "string" },
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
  const index = await openRuntimeIndex(runtime, { mustExist: true });
  let report: EvalReport;
  try {
    report = await evaluateRetrieval(questions, k, async (question) => {
      const collections = values.collection ?? null;
      const hits = await searchIndex(index, question, { k: Math.max(k, 10), collections, embedder: runtime.embedder });
      // Declining is judged on the passages the answering pipeline itself would see.
      const passages = await searchIndex(index, question, { k: ANSWER_PASSAGES, perDocument: 2, collections, embedder: runtime.embedder });
      return { docIds: hits.map((hit) => hit.docId), declined: !isRelevantEnough(question, passages) };
    });
  } finally {
    index.close();
  }
  if (values.json) {
    context.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  }
  const misses = report.perQuestion.filter((q) => !q.hit).map((q) => q.id);
  context.stdout.write(
    [
      `questions  ${report.questions}`,
      `hit@${k}      ${report.hitAtK.toFixed(3)}`,
      `recall@${k}   ${report.recallAtK.toFixed(3)}`,
      `MRR        ${report.mrr.toFixed(3)}`,
      `nDCG@${k}     ${report.ndcgAtK.toFixed(3)}`,
      report.unanswerable.questions ? `unanswerable ${report.unanswerable.questions} (declined ${report.unanswerable.declined})` : null,
      misses.length ? `missed     ${misses.join(", ")}` : null,
    ]
      .filter(Boolean)
      .join("\n") + "\n",
  );
  return 0;
}
