import { sqlList } from "../shared/sql-string.ts";
import { latestVotes, toStoredAnswer, type FeedbackTables, type StoredAnswer } from "./feedback-tables.ts";

export interface FeedbackItem {
  at: string;
  platform: string;
  rating: "up" | "down";
  question: string;
  answer: string;
  docIds: string[];
  comment: string | null;
}

export interface FeedbackReport {
  total: number;
  positive: number;
  negative: number;
  /** positive / total, or null before any vote. */
  satisfaction: number | null;
  /** Documents cited by answers that got a thumbs-down, most often first. */
  downvotedDocuments: { docId: string; count: number }[];
  items: FeedbackItem[];
}

/** Each user's latest vote on each answer, with the answer it is about (one query for each table), newest first. */
export async function readFeedbackReport(tables: FeedbackTables, limit: number): Promise<FeedbackReport> {
  const voteTable = await tables.votes();
  await voteTable.checkoutLatest();
  const rows = latestVotes(await voteTable.query().toArray());
  const answers = await readAnswers(tables, new Set(rows.map((row) => String(row.answerId))));
  const items: FeedbackItem[] = rows.map((row) => {
    const answer = answers.get(String(row.answerId));
    return {
      at: new Date(Number(row.at)).toISOString(),
      platform: String(row.platform),
      rating: row.rating as FeedbackItem["rating"],
      question: answer?.question ?? "",
      answer: answer?.answer ?? "",
      docIds: answer?.docIds ?? [],
      comment: (row.comment as string | null) ?? null,
    };
  });
  const positive = items.filter((item) => item.rating === "up").length;
  return {
    total: items.length,
    positive,
    negative: items.length - positive,
    satisfaction: items.length ? positive / items.length : null,
    downvotedDocuments: countDownvotedDocuments(items),
    items: items.slice(0, limit),
  };
}

async function readAnswers(tables: FeedbackTables, ids: Set<string>): Promise<Map<string, StoredAnswer>> {
  if (ids.size === 0) return new Map();
  const table = await tables.answers();
  await table.checkoutLatest();
  const rows = await table
    .query()
    .where(`id IN ${sqlList(ids)}`)
    .toArray();
  return new Map(rows.map((row) => [String(row.id), toStoredAnswer(row)]));
}

function countDownvotedDocuments(items: FeedbackItem[]): { docId: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const item of items) if (item.rating === "down") for (const docId of item.docIds) counts.set(docId, (counts.get(docId) ?? 0) + 1);
  return [...counts].map(([docId, count]) => ({ docId, count })).sort((a, b) => b.count - a.count);
}
