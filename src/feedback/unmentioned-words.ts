import type { Connection } from "@lancedb/lancedb";
import { absentWords } from "../retrieval/absent-words.ts";
import { CHUNKS_TABLE } from "../retrieval/chunks-table.ts";
import { stem } from "../shared/content-terms.ts";

/** A gap's wordings checked at most: the rest of a large group asks with the same words. */
const MAX_QUESTIONS = 5;

/**
 * Reads, for a list of questions, the words that no document mentions: what an owner can write into a page
 * (or its front-matter keywords) so the next asker finds it. Read against the index as it is now, so a word
 * added since drops out. Each word once, in the first form asked ("dog", not also "dogs").
 */
export async function createUnmentionedWords(connection: Connection): Promise<(questions: string[]) => Promise<string[]>> {
  if (!(await connection.tableNames()).includes(CHUNKS_TABLE)) return async () => [];
  const table = await connection.openTable(CHUNKS_TABLE);
  return async (questions) => {
    const lists = await Promise.all(questions.slice(0, MAX_QUESTIONS).map((question) => absentWords(table, question, null)));
    const byStem = new Map<string, string>();
    for (const word of lists.flat()) if (!byStem.has(stem(word))) byStem.set(stem(word), word);
    return [...byStem.values()];
  };
}
