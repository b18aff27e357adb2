import type { Connection } from "@lancedb/lancedb";
import { sqlString } from "../shared/sql-string.ts";
import { hashUser } from "./feedback-store.ts";

/** The table the feedback store keeps every answer in (with its question, asker's hash and time). */
const ANSWERS_TABLE = "answers";

export interface RecentQuestion {
  question: string;
  /** When it was answered, milliseconds since the epoch. */
  at: number;
}

/**
 * One person's latest questions on one platform, newest first, each once. Read-only: before the first
 * answer there is no table, and nothing is created just to find that out. Askers are stored only as
 * hashes, so the lookup goes through the same hash.
 */
export async function readRecentQuestions(connection: Connection, options: { platform: string; user: string; limit: number }): Promise<RecentQuestion[]> {
  if (!(await connection.tableNames()).includes(ANSWERS_TABLE)) return [];
  const table = await connection.openTable(ANSWERS_TABLE);
  try {
    const rows = await table
      .query()
      .where(`userHash = ${sqlString(hashUser(options.platform, options.user))} AND platform = ${sqlString(options.platform)}`)
      .select(["question", "createdAt"])
      .toArray();
    const seen = new Set<string>();
    const recent: RecentQuestion[] = [];
    for (const row of rows.sort((a, b) => Number(b.createdAt) - Number(a.createdAt))) {
      const question = String(row.question).trim();
      const key = question.toLowerCase();
      if (!question || seen.has(key)) continue;
      seen.add(key);
      recent.push({ question, at: Number(row.createdAt) });
      if (recent.length === options.limit) break;
    }
    return recent;
  } finally {
    table.close();
  }
}
