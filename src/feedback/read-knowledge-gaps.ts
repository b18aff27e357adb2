import { sqlList } from "../shared/sql-string.ts";
import { latestVotes, toStoredAnswer, type FeedbackTables, type StoredAnswer } from "./feedback-tables.ts";
import { DEFAULT_SIMILARITY_THRESHOLD, groupSimilarQuestions, questionSimilarity, representativeOf } from "./group-similar-questions.ts";

/** One ask that the knowledge base did not serve: declined, or answered and disliked. */
interface GapAsk {
  question: string;
  docIds: string[];
  at: number;
  declined: boolean;
  reason: string | null;
}

/** A group of similar questions the knowledge base did not serve: the shape `docent gaps --json` and the admin API print. */
export interface KnowledgeGap {
  /** The member question closest to the others. */
  question: string;
  /** Every distinct wording asked, most recent first. */
  questions: string[];
  /** How many asks: declined answers plus 👎 votes. */
  count: number;
  declined: number;
  downvoted: number;
  /** Documents cited by the group's answers, most often first. */
  docIds: string[];
  /** ISO time of the latest ask (or 👎). */
  lastAskedAt: string;
  /** The comments left with the 👎 votes, newest first. */
  reasons: string[];
  /** A cited document changed after the last ask, or an expert verified an answer to it since: the gap may be fixed. */
  possiblyResolved: boolean;
  /** The cited documents that changed after the last ask. */
  changedDocIds: string[];
  /** Verified answers saved after the last ask to a question like the gap's (their ids). */
  verifiedAnswerIds: string[];
  /** Words of its questions that no document mentions now: what to add to a page, or its keywords. */
  unmentioned: string[];
}

export type GapSort = "count" | "recent";

export interface GapOptions {
  sort?: GapSort;
  limit?: number;
  /** When each indexed document last changed (ms), by docId: see ../retrieval/read-document-updates.ts. */
  documentUpdates?: Map<string, number>;
  /** The live verified answers: one to a similar question, saved after the last ask, may resolve a gap. */
  verified?: { id: string; question: string; verifiedAt: string }[];
  /** The words of some questions that no document mentions (./unmentioned-words.ts); none when absent. */
  unmentioned?: (questions: string[]) => Promise<string[]>;
}

/**
 * The knowledge gaps: declined questions and each user's latest 👎 (with its comment), grouped by
 * similar wording and sources. Sorted by count then recency, or by recency.
 */
export async function readKnowledgeGaps(tables: FeedbackTables, options: GapOptions = {}): Promise<KnowledgeGap[]> {
  const asks = [...(await readDeclinedAsks(tables)), ...(await readDownvotedAsks(tables))];
  const gaps = groupSimilarQuestions(asks).map((group) => toGap(asks, group, options.documentUpdates ?? new Map(), options.verified ?? []));
  const byRecency = (a: KnowledgeGap, b: KnowledgeGap) => b.lastAskedAt.localeCompare(a.lastAskedAt);
  gaps.sort(options.sort === "recent" ? byRecency : (a, b) => b.count - a.count || byRecency(a, b));
  const shown = gaps.slice(0, options.limit ?? gaps.length);
  // Only for the gaps shown: each question costs a few index lookups.
  const unmentioned = options.unmentioned;
  if (unmentioned) await Promise.all(shown.map(async (gap) => (gap.unmentioned = await unmentioned(gap.questions))));
  return shown;
}

async function readDeclinedAsks(tables: FeedbackTables): Promise<GapAsk[]> {
  const table = await tables.answers();
  await table.checkoutLatest();
  const rows = await table.query().where("mode = 'no-answer'").toArray();
  return rows.map(toStoredAnswer).map((answer) => ({ question: answer.question, docIds: answer.docIds, at: answer.createdAt, declined: true, reason: null }));
}

async function readDownvotedAsks(tables: FeedbackTables): Promise<GapAsk[]> {
  const voteTable = await tables.votes();
  await voteTable.checkoutLatest();
  const downs = latestVotes(await voteTable.query().toArray()).filter((row) => row.rating === "down");
  if (downs.length === 0) return [];
  const answerTable = await tables.answers();
  await answerTable.checkoutLatest();
  const rows = await answerTable
    .query()
    .where(`id IN ${sqlList(new Set(downs.map((row) => String(row.answerId))))}`)
    .toArray();
  const answers = new Map<string, StoredAnswer>(rows.map((row) => [String(row.id), toStoredAnswer(row)]));
  return downs.flatMap((row) => {
    const answer = answers.get(String(row.answerId));
    // A declined answer that was also 👎'd is one ask, already counted as declined.
    if (!answer || answer.mode === "no-answer") return [];
    const reason = typeof row.comment === "string" && row.comment.trim() ? row.comment.trim() : null;
    return [{ question: answer.question, docIds: answer.docIds, at: Number(row.at), declined: false, reason }];
  });
}

function toGap(asks: GapAsk[], group: number[], documentUpdates: Map<string, number>, verified: NonNullable<GapOptions["verified"]>): KnowledgeGap {
  const members = group.map((i) => asks[i]!).sort((a, b) => b.at - a.at);
  const lastAsk = members[0]!.at;
  const docCounts = new Map<string, number>();
  for (const ask of members) for (const docId of ask.docIds) docCounts.set(docId, (docCounts.get(docId) ?? 0) + 1);
  const docIds = [...docCounts].sort((a, b) => b[1] - a[1]).map(([docId]) => docId);
  const changedDocIds = docIds.filter((docId) => (documentUpdates.get(docId) ?? 0) > lastAsk);
  const declined = members.filter((ask) => ask.declined).length;
  // Judged on words alone: a verified answer cites no documents, and a declined ask often cited none either.
  const verifiedAnswerIds = verified
    .filter((answer) => Date.parse(answer.verifiedAt) > lastAsk)
    .filter((answer) =>
      members.some(
        (ask) => questionSimilarity({ question: ask.question, docIds: [] }, { question: answer.question, docIds: [] }) >= DEFAULT_SIMILARITY_THRESHOLD,
      ),
    )
    .map((answer) => answer.id);
  return {
    question: asks[representativeOf(asks, group)]!.question,
    questions: [...new Set(members.map((ask) => ask.question))],
    count: members.length,
    declined,
    downvoted: members.length - declined,
    docIds,
    lastAskedAt: new Date(lastAsk).toISOString(),
    reasons: [...new Set(members.flatMap((ask) => (ask.reason ? [ask.reason] : [])))],
    possiblyResolved: changedDocIds.length > 0 || verifiedAnswerIds.length > 0,
    changedDocIds,
    verifiedAnswerIds,
    unmentioned: [],
  };
}
