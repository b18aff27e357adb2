import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANSWER_PASSAGES, retrieveForAnswer } from "../../src/core/retrieve-for-answer.ts";
import { silentLogger } from "../../src/logger.ts";
import { openIndex, type KnowledgeIndex } from "../../src/retrieval/open-index.ts";
import { searchIndex } from "../../src/retrieval/search-index.ts";
import { syncSources } from "../../src/retrieval/sync-sources.ts";
import { tempDir } from "../helpers/corpus.ts";
import { indexPages } from "../helpers/indexed-corpus.ts";

const QUESTION = "when do I start offboarding, and is my annual leave paid out?";
const FINAL_PAY = "Unused annual leave is paid out with your final salary.";

/**
 * A long page whose last section holds the second half of the answer, and short pages that each match that half
 * better than the long page's last passage does; and the other pages given.
 */
async function indexLeavingPages(others: Record<string, string> = {}): Promise<{ index: KnowledgeIndex; remove: () => Promise<void> }> {
  const dir = await tempDir();
  await mkdir(join(dir.path, "kb"));
  const routine = (topic: string) =>
    Array.from({ length: 14 }, (_, i) => `The ${topic} step ${i + 1} is handled by the operations team, who write to you with the details.`).join(" ");
  const sections = [
    "## Offboarding\n\nStart offboarding two weeks before your last day: fill in the offboarding form and tell your manager.",
    ...["Laptop return", "Accounts", "Farewell", "Handover", "Badges", "Benefits", "Pension"].map((topic) => `## ${topic}\n\n${routine(topic.toLowerCase())}`),
    `## Final salary\n\n${FINAL_PAY}`,
  ];
  await writeFile(join(dir.path, "kb", "leaving.md"), `# Leaving the company\n\n${sections.join("\n\n")}\n`);
  for (let team = 1; team <= 7; team++) {
    await writeFile(
      join(dir.path, "kb", `leave-${team}.md`),
      `# Leave in team ${team}\n\nAnnual leave is paid out at the normal rate while you take it. Annual leave of team ${team} is booked in the leave calendar, and your annual leave is paid out monthly.\n`,
    );
  }
  for (const [name, text] of Object.entries(others)) await writeFile(join(dir.path, "kb", name), text);
  const index = await openIndex(join(dir.path, "db"));
  await syncSources(index, [{ name: "kb", type: "folder", path: join(dir.path, "kb"), collection: "default", prettyUrls: false }], {
    logger: silentLogger(),
  });
  return {
    index,
    remove: async () => {
      index.close();
      await dir.remove();
    },
  };
}

const retrieveFrom = (index: KnowledgeIndex) =>
  retrieveForAnswer(QUESTION, { index, embedder: null, rerankBy: null, logger: silentLogger() }, { collections: null, readers: null });

describe("the passages an answer is written from", () => {
  let index: KnowledgeIndex;
  let remove: () => Promise<void>;
  beforeAll(async () => {
    ({ index, remove } = await indexLeavingPages());
  });
  afterAll(() => remove());

  it("include the leading page's next passages from below the first ones, where the rest of a two-part answer sits", async () => {
    const first = await searchIndex(index, QUESTION, { k: ANSWER_PASSAGES });
    expect(first[0]!.docId).toBe("leaving.md");
    expect(first.some((hit) => hit.text.includes(FINAL_PAY))).toBe(false);

    const { hits, declined } = await retrieveFrom(index);
    expect(declined).toBe(false);
    expect(hits.slice(0, ANSWER_PASSAGES).map((hit) => hit.chunkId)).toEqual(first.map((hit) => hit.chunkId));
    const added = hits.slice(ANSWER_PASSAGES);
    expect(added.length).toBeGreaterThan(0);
    expect(added.every((hit) => hit.docId === "leaving.md")).toBe(true);
    expect(added.some((hit) => hit.text.includes(FINAL_PAY))).toBe(true);
  });

  it("include the next passage of the page ranked second too: the page that answers is not always the first", async () => {
    const { index, remove } = await indexLeavingPages({
      "checklist.md":
        "# Offboarding checklist\n\nWhen do I start offboarding? Start offboarding early: the offboarding checklist lists when to start offboarding, and what your annual leave balance means.\n",
    });
    try {
      const first = await searchIndex(index, QUESTION, { k: ANSWER_PASSAGES });
      expect(first[0]!.docId).toBe("checklist.md");
      expect(first.some((hit) => hit.text.includes(FINAL_PAY))).toBe(false);
      const { hits } = await retrieveFrom(index);
      expect(hits.slice(ANSWER_PASSAGES).some((hit) => hit.docId === "leaving.md" && hit.text.includes(FINAL_PAY))).toBe(true);
    } finally {
      await remove();
    }
  });
});

describe("a word typed as one where the pages write it as two", () => {
  let indexed: Awaited<ReturnType<typeof indexPages>>;
  beforeAll(async () => {
    indexed = await indexPages({
      "pay.md": "# Pay\n\nSalaries are paid on pay day, the 28th of each month.\n",
      "holidays.md": "# Holidays\n\nThe office closes on public holidays.\n",
    });
  });
  afterAll(() => indexed.cleanup());
  const retrieve = (question: string) =>
    retrieveForAnswer(question, { index: indexed.index, embedder: null, rerankBy: null, logger: silentLogger() }, { collections: null, readers: null });

  it("is searched as the two words when the question as typed finds nothing to answer from", async () => {
    const { query, hits, declined, absentWords } = await retrieve("when is payday?");
    expect(declined).toBe(false);
    expect(query).toBe("when is payday pay day?");
    expect(hits[0]!.docId).toBe("pay.md");
    // The pages have it, as two words.
    expect(await absentWords()).toEqual([]);
  });

  it("comes with the question's words that no page uses, for the answer to weigh", async () => {
    const { absentWords } = await retrieve("do we get a gym allowance on pay day?");
    expect(await absentWords()).toEqual(["gym", "allowance"]);
  });

  it("is left as typed when the rest of the question finds what answers it", async () => {
    const { query, declined } = await retrieve("when are salaries paid, on payday?");
    expect(declined).toBe(false);
    expect(query).toBe("when are salaries paid, on payday?");
  });
});
