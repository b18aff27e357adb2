import { randomUUID } from "node:crypto";
import type { Connection } from "@lancedb/lancedb";
import { Bool, Field, Float64, Schema, Utf8 } from "../retrieval/arrow.ts";
import { appendRows, type LazyTable, lazyTable } from "../retrieval/open-or-create-table.ts";
import { sqlString } from "../shared/sql-string.ts";
import { VERIFIED_SOURCE } from "../shared/verified-collection.ts";
import { createWriteQueue } from "./create-write-queue.ts";

export type VerifierPlatform = "slack" | "teams" | "web";

/** Who verified an answer: shown in its citation ("Verified by <name>, <date>") and by `docent verified list`. */
export interface Verifier {
  name: string;
  platform: VerifierPlatform;
  /** The person's id on that platform: a Slack user id, a Teams AAD object id, "admin" for the web form. */
  id: string;
}

/** An expert's answer to a question: what `docent verified list --json` and the admin API print. */
export interface VerifiedAnswer {
  id: string;
  /** The document it is indexed as: `verified/<id>`. */
  docId: string;
  question: string;
  answer: string;
  verifiedBy: Verifier;
  /** ISO time it was saved (or last edited). */
  verifiedAt: string;
  /** The thread it came from (its citation link); null when saved in the playground without one. */
  link: string | null;
  retired: boolean;
}

export interface NewVerifiedAnswer {
  question: string;
  answer: string;
  verifiedBy: Verifier;
  link?: string | null;
}

export interface VerifiedAnswerStore {
  save(input: NewVerifiedAnswer): Promise<VerifiedAnswer>;
  /** A new wording of the question or answer (or link); the editor becomes the verifier. Null for an unknown id. */
  edit(id: string, changes: { question?: string; answer?: string; link?: string | null }, by: Verifier): Promise<VerifiedAnswer | null>;
  /** Takes an answer out of the index for good; false for an unknown or already retired id. */
  retire(id: string): Promise<boolean>;
  /** Newest first; retired ones only when asked for. */
  list(options?: { includeRetired?: boolean }): Promise<VerifiedAnswer[]>;
  find(id: string): Promise<VerifiedAnswer | null>;
  /** Changes with every committed write, from any process: a writer re-indexes when it moves. */
  version(): Promise<number>;
  flush(): Promise<void>;
}

/** Longest question and answer kept: an expert's reply is a few paragraphs, not a document. */
export const MAX_VERIFIED_QUESTION = 2000;
export const MAX_VERIFIED_ANSWER = 12_000;

const TABLE = "verified_answers";

const schema = new Schema([
  new Field("id", new Utf8(), false),
  new Field("question", new Utf8(), false),
  new Field("answer", new Utf8(), false),
  new Field("byName", new Utf8(), false),
  new Field("byPlatform", new Utf8(), false),
  new Field("byId", new Utf8(), false),
  new Field("link", new Utf8(), true),
  new Field("retired", new Bool(), false),
  new Field("at", new Float64(), false),
]);

export function verifiedDocId(id: string): string {
  return `${VERIFIED_SOURCE}/${id}`;
}

/**
 * Verified answers in a table of the index's own LanceDB (so every replica reads the same ones, and they
 * are backed up with the index). Like votes, every save, edit and retirement appends a row and the newest
 * row of an id wins: replicas writing at the same moment each add theirs, none is lost.
 */
export function createVerifiedAnswerStore(connection: Connection): VerifiedAnswerStore {
  const table = lazyTable(connection, TABLE, schema);
  const writes = createWriteQueue({ every: 200, maintain: async () => void (await (await table.open()).optimize().catch(() => undefined)) });
  const find = async (id: string) => (await readLatest(table, `id = ${sqlString(id)}`))[0] ?? null;
  const append = async (answer: Omit<VerifiedAnswer, "docId" | "verifiedAt">, at: number) => {
    await appendRow(table, answer, at);
    return find(answer.id);
  };
  /** A change is newer than the row it changes, even within the same millisecond. */
  const after = (current: VerifiedAnswer) => Math.max(Date.now(), Date.parse(current.verifiedAt) + 1);

  return {
    save: (input) =>
      writes.run(async () => {
        const saved = await append(
          { id: randomUUID(), question: input.question, answer: input.answer, verifiedBy: input.verifiedBy, link: input.link ?? null, retired: false },
          Date.now(),
        );
        return saved!;
      }),
    edit: (id, changes, by) =>
      writes.run(async () => {
        const current = await find(id);
        if (!current || current.retired) return null;
        return append({ ...current, ...definedOnly(changes), verifiedBy: by }, after(current));
      }),
    retire: (id) =>
      writes.run(async () => {
        const current = await find(id);
        if (!current || current.retired) return false;
        await append({ ...current, retired: true }, after(current));
        return true;
      }),
    list: async (options = {}) => (await readLatest(table)).filter((answer) => options.includeRetired || !answer.retired),
    find,
    version: async () => {
      if (!(await table.exists())) return 0;
      const t = await table.open();
      await t.checkoutLatest();
      return t.version();
    },
    flush: () => writes.flush(),
  };
}

/** The newest row of each id (those `where` selects), newest first. */
async function readLatest(table: LazyTable, where?: string): Promise<VerifiedAnswer[]> {
  if (!(await table.exists())) return [];
  const t = await table.open();
  await t.checkoutLatest();
  const rows = await (where ? t.query().where(where) : t.query()).toArray();
  const newest = new Map<string, Record<string, unknown>>();
  for (const row of rows) {
    const seen = newest.get(String(row.id));
    if (!seen || Number(row.at) >= Number(seen.at)) newest.set(String(row.id), row);
  }
  return [...newest.values()].sort((a, b) => Number(b.at) - Number(a.at)).map(toVerifiedAnswer);
}

async function appendRow(table: LazyTable, answer: Omit<VerifiedAnswer, "docId" | "verifiedAt">, at: number): Promise<void> {
  await appendRows(await table.open(), [
    {
      id: answer.id,
      question: answer.question.trim().slice(0, MAX_VERIFIED_QUESTION),
      answer: answer.answer.trim().slice(0, MAX_VERIFIED_ANSWER),
      byName: answer.verifiedBy.name,
      byPlatform: answer.verifiedBy.platform,
      byId: answer.verifiedBy.id,
      link: answer.link,
      retired: answer.retired,
      at,
    },
  ]);
}

function definedOnly<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function toVerifiedAnswer(row: Record<string, unknown>): VerifiedAnswer {
  const id = String(row.id);
  return {
    id,
    docId: verifiedDocId(id),
    question: String(row.question),
    answer: String(row.answer),
    verifiedBy: { name: String(row.byName), platform: String(row.byPlatform) as VerifierPlatform, id: String(row.byId) },
    verifiedAt: new Date(Number(row.at)).toISOString(),
    link: typeof row.link === "string" ? row.link : null,
    retired: Boolean(row.retired),
  };
}
