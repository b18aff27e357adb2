import { createHash } from "node:crypto";
import type { Connection } from "@lancedb/lancedb";
import { sqlString } from "../shared/sql-string.ts";
import { createWriteQueue } from "./create-write-queue.ts";
import { feedbackTables, latestVotes, toStoredAnswer, type FeedbackTables, type StoredAnswer } from "./feedback-tables.ts";
import { readFeedbackReport, type FeedbackReport } from "./read-feedback-report.ts";
import { appendRows } from "../retrieval/open-or-create-table.ts";
import { readDocumentUpdates } from "../retrieval/read-document-updates.ts";
import { readKnowledgeGaps, type GapSort, type KnowledgeGap } from "./read-knowledge-gaps.ts";
import { createUnmentionedWords } from "./unmentioned-words.ts";
import { buildRegressionSet, type EvalLine } from "./build-regression-set.ts";
import { createVerifiedAnswerStore, type VerifiedAnswer } from "./verified-answer-store.ts";

export type Rating = "up" | "down";

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
  /** Declined and 👎 questions grouped into gaps, each marked possibly resolved when a document it cited changed since. */
  gaps(options?: { sort?: GapSort; limit?: number }): Promise<KnowledgeGap[]>;
  /** The liked answers (and the given verified answers) as a question set for `docent eval`. */
  regressionSet(verified: VerifiedAnswer[]): Promise<EvalLine[]>;
  /** Resolves when every write accepted so far is committed (graceful shutdown). */
  flush(): Promise<void>;
}

/** Every write is a small commit; compacting now and then keeps lookups from scanning thousands of tiny fragments after months of use. */
const COMPACT_EVERY = 200;

/** User ids are kept only as hashes: feedback reports need "same person", never "which person". */
export function hashUser(platform: string, user: string): string {
  return createHash("sha256").update(`docent-feedback:${platform}:${user}`).digest("hex").slice(0, 32);
}

/**
 * Answers and votes, in two tables of the index's own LanceDB, so they live (and are backed up) with
 * the index, survive restarts and work on object storage too. Writes go through one queue per process.
 */
export function createFeedbackStore(connection: Connection): FeedbackStore {
  const tables = feedbackTables(connection);
  const writes = createWriteQueue({
    every: COMPACT_EVERY,
    maintain: async () => {
      await Promise.all([tables.answers(), tables.votes()].map(async (table) => (await table).optimize().catch(() => undefined)));
    },
  });

  return {
    saveAnswer: (answer, question, ref) => writes.run(() => saveAnswerRow(tables, answer, question, ref)),
    linkAnswer: (answerId, ref) =>
      writes.run(async () => {
        await (await tables.answers()).update({ where: `id = ${sqlString(answerId)}`, values: { ref } });
      }),
    findAnswer: (idOrRef) => findAnswer(tables, idOrRef),
    recordFeedback: (input) => writes.run(() => recordVote(tables, input)),
    report: (options = {}) => readFeedbackReport(tables, options.limit ?? 50),
    gaps: async (options = {}) =>
      readKnowledgeGaps(tables, {
        ...options,
        documentUpdates: await readDocumentUpdates(connection),
        verified: await createVerifiedAnswerStore(connection).list(),
        unmentioned: await createUnmentionedWords(connection),
      }),
    regressionSet: (verified) => buildRegressionSet(tables, verified),
    flush: () => writes.flush(),
  };
}

async function saveAnswerRow(tables: FeedbackTables, answer: AnswerToKeep, question: AskedQuestion, ref: string | undefined): Promise<void> {
  await appendRows(await tables.answers(), [
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
}

async function findAnswer(tables: FeedbackTables, idOrRef: string): Promise<StoredAnswer | null> {
  const table = await tables.answers();
  await table.checkoutLatest();
  const [row] = await table
    .query()
    .where(`id = ${sqlString(idOrRef)} OR ref = ${sqlString(idOrRef)}`)
    .limit(1)
    .toArray();
  return row ? toStoredAnswer(row) : null;
}

async function recordVote(tables: FeedbackTables, input: Parameters<FeedbackStore["recordFeedback"]>[0]): Promise<boolean> {
  const answer = await findAnswer(tables, input.answer);
  if (!answer) return false;
  const table = await tables.votes();
  await table.checkoutLatest();
  const userHash = hashUser(input.platform, input.user);
  const key = `${answer.id}:${userHash}`;
  const previous = latestVotes(
    await table
      .query()
      .where(`key = ${sqlString(key)}`)
      .toArray(),
  )[0];
  const rating = input.rating ?? (previous?.rating as Rating | undefined);
  if (!rating) return false;
  const comment = input.comment?.trim()
    ? input.comment.trim().slice(0, 2000)
    : input.comment === undefined
      ? ((previous?.comment as string | null) ?? null)
      : null;
  // Appended, never updated in place: replicas that record votes at the same moment each add a row, and
  // readers keep each user's latest (concurrent upserts from several writers can lose or double rows).
  await appendRows(table, [{ key, answerId: answer.id, platform: String(input.platform), userHash, rating, comment, at: Date.now() }]);
  return true;
}
