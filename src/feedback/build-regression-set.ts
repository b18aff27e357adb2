import { sqlList } from "../shared/sql-string.ts";
import { VERIFIED_SOURCE } from "../shared/verified-collection.ts";
import { latestVotes, toStoredAnswer, type FeedbackTables } from "./feedback-tables.ts";
import type { VerifiedAnswer } from "./verified-answer-store.ts";

/** One question of a question set, in the format `docent eval` reads (DESIGN, "Question sets"). */
export interface EvalLine {
  id: string;
  question: string;
  relevant: string[];
}

/**
 * What used to work, as a question set: every answer someone liked (its question, the documents it cited
 * as relevant; a liked decline keeps an empty list, so the set checks it is still declined; retired verified
 * answers left out), and every live verified answer with its own document. A team re-runs it after changing index settings or the model.
 */
export async function buildRegressionSet(tables: FeedbackTables, verified: VerifiedAnswer[]): Promise<EvalLine[]> {
  const voteTable = await tables.votes();
  await voteTable.checkoutLatest();
  const liked = new Set(
    latestVotes(await voteTable.query().toArray())
      .filter((row) => row.rating === "up")
      .map((row) => String(row.answerId)),
  );
  const lines: EvalLine[] = [];
  if (liked.size > 0) {
    const answerTable = await tables.answers();
    await answerTable.checkoutLatest();
    const answers = (
      await answerTable
        .query()
        .where(`id IN ${sqlList(liked)}`)
        .toArray()
    )
      .map(toStoredAnswer)
      .sort((a, b) => a.createdAt - b.createdAt);
    // The same question liked twice with the same sources is one line: a set weighs each case once.
    const seen = new Set<string>();
    // A liked answer that drew on a verified answer since retired cannot be expected to find it again.
    const live = new Set(verified.map((answer) => answer.docId));
    const retired = (docId: string) => docId.startsWith(`${VERIFIED_SOURCE}/`) && !live.has(docId);
    for (const answer of answers) {
      if (answer.mode !== "no-answer" && answer.docIds.length > 0 && answer.docIds.every(retired)) continue;
      const relevant = answer.mode === "no-answer" ? [] : answer.docIds.filter((docId) => !retired(docId));
      const key = JSON.stringify([answer.question.trim().toLowerCase(), [...relevant].sort()]);
      if (seen.has(key)) continue;
      seen.add(key);
      lines.push({ id: `liked-${answer.id}`, question: answer.question, relevant });
    }
  }
  for (const answer of verified) lines.push({ id: `verified-${answer.id}`, question: answer.question, relevant: [answer.docId] });
  return lines;
}
