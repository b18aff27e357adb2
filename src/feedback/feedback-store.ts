import { createHash } from "node:crypto";
import type { Connection, Table } from "@lancedb/lancedb";
import { Bool, Field, Float64, Schema, Utf8 } from "../retrieval/arrow.ts";
import { sqlString } from "../shared/sql-string.ts";
import { openOrCreateTable } from "../retrieval/open-or-create-table.ts";

export type Rating = "up" | "down";

export interface FeedbackItem {
  at: string;
  platform: string;
  rating: Rating;
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

/** What the store keeps of an answer (the core's Answer has these fields and more). */
export interface AnswerToKeep {
  id: string;
  text: string;
  citations: { docId: string }[];
  mode: string;
  grounded: boolean;
}

/** What the store keeps of the question an answer was for; the user only as a hash. */
export interface AskedQuestion {
  platform: string;
  conversation: string;
  user: string;
  text: string;
}

export interface FeedbackStore {
  /** Keeps an answer so later feedback can name the question and sources it is about. */
  saveAnswer(answer: AnswerToKeep, question: AskedQuestion, ref?: string): Promise<void>;
  /** Ties a platform's message id (a Teams activity id, a Slack ts) to an answer after it was posted. */
  linkAnswer(answerId: string, ref: string): Promise<void>;
  findAnswer(idOrRef: string): Promise<StoredAnswer | null>;
  /**
   * Records a vote. One vote per user and answer: voting again changes it, and a comment sent later
   * (Slack's modal, the playground's box) is added to the same vote. Returns false if the answer is unknown.
   */
  recordFeedback(input: { answer: string; platform: string; user: string; rating?: Rating; comment?: string | null }): Promise<boolean>;
  report(options?: { limit?: number }): Promise<FeedbackReport>;
  /** Resolves when every write accepted so far is committed (graceful shutdown). */
  flush(): Promise<void>;
}

const ANSWERS = "answers";
const COMPACT_EVERY = 200;
const FEEDBACK = "feedback";

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

const feedbackSchema = new Schema([
  new Field("key", new Utf8(), false),
  new Field("answerId", new Utf8(), false),
  new Field("platform", new Utf8(), false),
  new Field("userHash", new Utf8(), false),
  new Field("rating", new Utf8(), false),
  new Field("comment", new Utf8(), true),
  new Field("at", new Float64(), false),
]);

/** User ids are kept only as hashes: feedback reports need "same person", never "which person". */
export function hashUser(platform: string, user: string): string {
  return createHash("sha256").update(`docent-feedback:${platform}:${user}`).digest("hex").slice(0, 32);
}

/**
 * Answers and votes, in two tables of the index's own LanceDB, so they live (and are backed up) with
 * the index, survive restarts and work on object storage too. Writes go through one queue per process:
 * LanceDB resolves concurrent commits, but a read-modify-write of a vote must not interleave.
 */
export function createFeedbackStore(connection: Connection): FeedbackStore {
  let queue: Promise<unknown> = Promise.resolve();
  let writes = 0;
  const serialized = <T>(work: () => Promise<T>): Promise<T> => {
    const result = queue.then(work, work).then(async (value) => {
      // Every write is a small commit; compacting now and then keeps lookups from scanning thousands of
      // tiny fragments after months of use.
      if (++writes % COMPACT_EVERY === 0) await Promise.all([answers(), votes()].map(async (t) => (await t).optimize().catch(() => undefined)));
      return value;
    });
    queue = result.catch(() => undefined);
    return result;
  };
  const tables = new Map<string, Promise<Table>>();
  const open = (name: string, schema: Schema) => {
    let table = tables.get(name);
    if (!table) {
      table = openOrCreateTable(connection, name, schema);
      tables.set(name, table);
      table.catch(() => tables.delete(name));
    }
    return table;
  };
  const answers = () => open(ANSWERS, answersSchema);
  const votes = () => open(FEEDBACK, feedbackSchema);

  const findAnswer = async (idOrRef: string): Promise<StoredAnswer | null> => {
    const table = await answers();
    await table.checkoutLatest();
    const rows = await table.query().where(`id = ${sqlString(idOrRef)} OR ref = ${sqlString(idOrRef)}`).limit(1).toArray();
    const row = rows[0];
    if (!row) return null;
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
  };

  return {
    saveAnswer: (answer, question, ref) =>
      serialized(async () => {
        await (await answers()).add([
          {
            id: answer.id,
            ref: ref ?? answer.id,
            platform: question.platform,
            conversation: question.conversation,
            userHash: hashUser(question.platform, question.user),
            question: question.text,
            answer: answer.text,
            docIds: JSON.stringify([...new Set(answer.citations.map((c) => c.docId))]),
            mode: answer.mode,
            grounded: answer.grounded,
            createdAt: Date.now(),
          },
        ]);
      }),

    linkAnswer: (answerId, ref) =>
      serialized(async () => {
        await (await answers()).update({ where: `id = ${sqlString(answerId)}`, values: { ref } });
      }),

    findAnswer,

    flush: () => queue.then(() => undefined),

    recordFeedback: (input) =>
      serialized(async () => {
        const answer = await findAnswer(input.answer);
        if (!answer) return false;
        const table = await votes();
        await table.checkoutLatest();
        const userHash = hashUser(input.platform, input.user);
        const key = `${answer.id}:${userHash}`;
        const [previous] = await table.query().where(`key = ${sqlString(key)}`).limit(1).toArray();
        const rating = input.rating ?? (previous?.rating as Rating | undefined);
        if (!rating) return false;
        const comment = input.comment?.trim() ? input.comment.trim().slice(0, 2000) : input.comment === undefined ? ((previous?.comment as string | null) ?? null) : null;
        await table
          .mergeInsert("key")
          .whenMatchedUpdateAll()
          .whenNotMatchedInsertAll()
          .execute([{ key, answerId: answer.id, platform: String(input.platform), userHash, rating, comment, at: Date.now() }]);
        return true;
      }),

    async report(options = {}) {
      const limit = options.limit ?? 50;
      const voteTable = await votes();
      await voteTable.checkoutLatest();
      const rows = await voteTable.query().toArray();
      const byAnswer = new Map<string, StoredAnswer | null>();
      for (const row of rows) if (!byAnswer.has(String(row.answerId))) byAnswer.set(String(row.answerId), await findAnswer(String(row.answerId)));
      const items: FeedbackItem[] = rows
        .sort((a, b) => Number(b.at) - Number(a.at))
        .map((row) => {
          const answer = byAnswer.get(String(row.answerId));
          return {
            at: new Date(Number(row.at)).toISOString(),
            platform: String(row.platform),
            rating: row.rating as Rating,
            question: answer?.question ?? "",
            answer: answer?.answer ?? "",
            docIds: answer?.docIds ?? [],
            comment: (row.comment as string | null) ?? null,
          };
        });
      const positive = items.filter((item) => item.rating === "up").length;
      const counts = new Map<string, number>();
      for (const item of items) if (item.rating === "down") for (const docId of item.docIds) counts.set(docId, (counts.get(docId) ?? 0) + 1);
      return {
        total: items.length,
        positive,
        negative: items.length - positive,
        satisfaction: items.length ? positive / items.length : null,
        downvotedDocuments: [...counts].map(([docId, count]) => ({ docId, count })).sort((a, b) => b.count - a.count),
        items: items.slice(0, limit),
      };
    },
  };
}
