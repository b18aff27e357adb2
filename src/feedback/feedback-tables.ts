import type { Connection, Table } from "@lancedb/lancedb";
import { Bool, Field, Float64, Schema, Utf8 } from "../retrieval/arrow.ts";
import { lazyTable } from "../retrieval/open-or-create-table.ts";

const answersSchema = new Schema([
  new Field("id", new Utf8(), false),
  new Field("ref", new Utf8(), false),
  new Field("platform", new Utf8(), false),
  new Field("conversation", new Utf8(), false),
  new Field("userHash", new Utf8(), false),
  new Field("question", new Utf8(), false),
  new Field("answer", new Utf8(), false),
  new Field("docIds", new Utf8(), false),
  new Field("mode", new Utf8(), false),
  new Field("grounded", new Bool(), false),
  new Field("createdAt", new Float64(), false),
]);

const votesSchema = new Schema([
  new Field("key", new Utf8(), false),
  new Field("answerId", new Utf8(), false),
  new Field("platform", new Utf8(), false),
  new Field("userHash", new Utf8(), false),
  new Field("rating", new Utf8(), false),
  new Field("comment", new Utf8(), true),
  new Field("at", new Float64(), false),
]);

export interface FeedbackTables {
  /** Every answer given, so a vote can name its question and sources. */
  answers(): Promise<Table>;
  /** One row per user and answer: the vote and its optional comment. */
  votes(): Promise<Table>;
}

/**
 * The feedback store's two tables in the index's own LanceDB, opened (and created empty) on first use,
 * once; a failed open is tried again next time.
 */
export function feedbackTables(connection: Connection): FeedbackTables {
  const answers = lazyTable(connection, "answers", answersSchema);
  const votes = lazyTable(connection, "feedback", votesSchema);
  return { answers: () => answers.open(), votes: () => votes.open() };
}

export interface StoredAnswer {
  id: string;
  ref: string;
  platform: string;
  question: string;
  answer: string;
  docIds: string[];
  mode: string;
  grounded: boolean;
  createdAt: number;
}

export function toStoredAnswer(row: Record<string, unknown>): StoredAnswer {
  return {
    id: String(row.id),
    ref: String(row.ref),
    platform: String(row.platform),
    question: String(row.question),
    answer: String(row.answer),
    docIds: JSON.parse(String(row.docIds)) as string[],
    mode: String(row.mode),
    grounded: Boolean(row.grounded),
    createdAt: Number(row.createdAt),
  };
}

/**
 * Votes are appended, one row per click: a user's vote on an answer is the newest row with its key. Newest
 * first, one row per key.
 */
export function latestVotes(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  const latest = new Map<string, Record<string, unknown>>();
  for (const row of rows) {
    const seen = latest.get(String(row.key));
    if (!seen || Number(row.at) > Number(seen.at)) latest.set(String(row.key), row);
  }
  return [...latest.values()].sort((a, b) => Number(b.at) - Number(a.at));
}
