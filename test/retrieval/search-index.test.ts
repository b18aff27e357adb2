import { writeFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/logger.ts";
import { evaluateRetrieval, readQuestionSet } from "../../src/retrieval/evaluate-retrieval.ts";
import { openIndex, type KnowledgeIndex } from "../../src/retrieval/open-index.ts";
import { searchIndex } from "../../src/retrieval/search-index.ts";
import { failedOutcomes, syncSources } from "../../src/retrieval/sync-sources.ts";
import { CORPUS_18F, QUESTIONS_18F, tempDir } from "../helpers/corpus.ts";

describe("searching the 18F handbook", () => {
  let index: KnowledgeIndex;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const dir = await tempDir();
    const hr = join(dir.path, "hr-only");
    await mkdir(hr);
    await writeFile(join(hr, "secret-salaries.md"), "---\ntitle: Salary bands\n---\n\nParental leave top-up bands are confidential to HR.\n");
    index = await openIndex(join(dir.path, "db"));
    const outcomes = await syncSources(
      index,
      [
        { name: "18f", type: "folder", path: CORPUS_18F, include: ["pages/**"], collection: "handbook", prettyUrls: false },
        { name: "hr", type: "folder", path: hr, collection: "hr", prettyUrls: false },
      ],
      { logger: silentLogger() },
    );
    expect(failedOutcomes(outcomes)).toEqual([]);
    cleanup = async () => {
      index.close();
      await dir.remove();
    };
  });
  afterAll(() => cleanup());

  it("finds the relevant page for employees' questions (hit@5 and MRR floors on the 50-question set)", async () => {
    const questions = await readQuestionSet(QUESTIONS_18F);
    const report = await evaluateRetrieval(questions, 5, async (q) => {
      const hits = await searchIndex(index, q, { k: 10, collections: ["handbook"] });
      return { docIds: hits.map((h) => h.docId), declined: hits.length === 0 };
    });
    expect(report.questions).toBe(50);
    expect(report.hitAtK).toBeGreaterThanOrEqual(0.92);
    expect(report.mrr).toBeGreaterThanOrEqual(0.8);
  });

  it("returns one passage per document before any document gets a second", async () => {
    const hits = await searchIndex(index, "travel card reimbursement receipts", { k: 5 });
    expect(hits).toHaveLength(5);
    expect(new Set(hits.map((h) => h.docId)).size).toBe(5);
    expect(hits.map((h) => h.rank)).toEqual([1, 2, 3, 4, 5]);
  });

  it("gives a document a second passage only after every matching document had its turn", async () => {
    const hits = await searchIndex(index, "zoom webinar license", { k: 8, perDocument: 2 });
    const firstDoc = hits[0]!.docId;
    expect(hits.filter((h) => h.docId === firstDoc).length).toBeLessThanOrEqual(2);
  });

  it("never returns passages from a collection outside the scope", async () => {
    const everywhere = await searchIndex(index, "parental leave top-up bands confidential", { k: 10 });
    expect(everywhere.some((h) => h.collection === "hr")).toBe(true);
    const scoped = await searchIndex(index, "parental leave top-up bands confidential", { k: 10, collections: ["handbook"] });
    expect(scoped.length).toBeGreaterThan(0);
    expect(scoped.every((h) => h.collection === "handbook")).toBe(true);
    expect(await searchIndex(index, "parental leave", { k: 10, collections: [] })).toEqual([]);
  });

  it("treats punctuation and query syntax in questions as plain words", async () => {
    const hits = await searchIndex(index, `what's "zoom" AND (license) OR -- ' ; DROP TABLE chunks; *`, { k: 3 });
    expect(hits[0]?.docId).toBe("pages/tools/zoom.md");
    expect(await searchIndex(index, "?!", { k: 3 })).toEqual([]);
  });
});
