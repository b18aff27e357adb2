import { writeFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalEmbedder } from "../../src/llm/local-embedder.ts";
import { createLogger, silentLogger } from "../../src/logger.ts";
import { openIndex, type KnowledgeIndex } from "../../src/retrieval/open-index.ts";
import { rankPassages, searchIndex, type SearchHit } from "../../src/retrieval/search-index.ts";
import { failedOutcomes, syncSources } from "../../src/retrieval/sync-sources.ts";
import { readQuestionSet } from "../../src/retrieval/evaluate-retrieval.ts";
import { CORPUS_18F, QUESTIONS_18F, tempDir } from "../helpers/corpus.ts";
import { indexPages } from "../helpers/indexed-corpus.ts";

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

  it("returns the best passages of several documents, each with its rank", async () => {
    const hits = await searchIndex(index, "travel card reimbursement receipts", { k: 5 });
    expect(hits).toHaveLength(5);
    expect(new Set(hits.map((h) => h.docId)).size).toBeGreaterThanOrEqual(3);
    expect(hits.map((h) => h.rank)).toEqual([1, 2, 3, 4, 5]);
  });

  it("never returns passages from a collection outside the scope", async () => {
    const everywhere = await searchIndex(index, "parental leave top-up bands confidential", { k: 10 });
    expect(
      everywhere.some((h) => h.collection === "hr"),
      everywhere.map((h) => `${h.score.toFixed(2)} ${h.docId}`).join(" | "),
    ).toBe(true);
    const scoped = await searchIndex(index, "parental leave top-up bands confidential", { k: 10, collections: ["handbook"] });
    expect(scoped.length).toBeGreaterThan(0);
    expect(scoped.every((h) => h.collection === "handbook")).toBe(true);
    expect(await searchIndex(index, "parental leave", { k: 10, collections: [] })).toEqual([]);
  });

  // LanceDB folds rows added after the index was built into a second full-text partition, and searches over
  // two partitions dropped the small one's matches in about half the processes (after any earlier query).
  it("finds a passage that a later sync added on every search, through every connection that reads the index", async () => {
    for (let reader = 0; reader < 4; reader++) {
      const fresh = await openIndex(index.uri);
      try {
        for (let i = 0; i < 5; i++) {
          await searchIndex(fresh, "travel card reimbursement receipts", { k: 5 });
          const hits = await searchIndex(fresh, "parental leave top-up bands confidential", { k: 5 });
          expect(hits[0]?.docId, `reader ${reader}, search ${i}`).toBe("secret-salaries.md");
        }
      } finally {
        fresh.close();
      }
    }
  });

  it("searches a 'how long' question for its topic, not for the word 'long'", async () => {
    // The leave page's keywords name parental leave, and its jury-duty section says "however long you serve".
    const hits = await searchIndex(index, "how long is parental leave?", { k: 5 });
    expect(hits[0]?.docId).toBe("pages/travel-and-leave/paid-parental-leave.md");
    expect(hits.map((h) => h.heading ?? "").join(" | ")).not.toMatch(/Court leave/);
  });

  it("ranks from as many candidates as asked for: with the same number, asking for more passages leaves the first ones as they were", async () => {
    // A document's second passage counts only when it is among the candidates, so without a fixed number the
    // top 5 of a 30-passage search can differ from a 5-passage search's.
    for (const { question } of await readQuestionSet(QUESTIONS_18F)) {
      const five = await searchIndex(index, question, { k: 5, candidates: 120 });
      const thirty = await searchIndex(index, question, { k: 30, candidates: 120 });
      expect(
        thirty.slice(0, 5).map((hit) => hit.chunkId),
        question,
      ).toEqual(five.map((hit) => hit.chunkId));
    }
  });

  it("treats punctuation and query syntax in questions as plain words", async () => {
    const hits = await searchIndex(index, `what's "zoom" AND (license) OR -- ' ; DROP TABLE chunks; *`, { k: 3 });
    expect(hits[0]?.docId).toBe("pages/tools/zoom.md");
    expect(await searchIndex(index, "?!", { k: 3 })).toEqual([]);
  });

  it("with rerankBy, reorders full-text candidates by meaning too, and keeps full-text order, with a warning, when the model cannot run", async () => {
    const question = "my baby is due in March, how much time off can I take?";
    const lines: string[] = [];
    const logger = createLogger({ level: "info", destination: new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) }) });
    const top3 = async (rerankBy: ReturnType<typeof createLocalEmbedder> | null) =>
      (await searchIndex(index, question, { k: 3, rerankBy, logger })).map((h) => h.docId);
    const fullText = await top3(null);
    expect(fullText).not.toContain("pages/travel-and-leave/fmla.md");
    expect(await top3(createLocalEmbedder())).toContain("pages/travel-and-leave/fmla.md");
    expect(lines).toEqual([]);
    expect(await top3(createLocalEmbedder({ modelFolder: "/nonexistent/model" }))).toEqual(fullText);
    expect(lines.map((line) => JSON.parse(line).msg)).toEqual(["could not reorder the search's candidates by meaning; kept their full-text order"]);
  }, 60_000);
});

describe("searching a question in the past tense", () => {
  it("finds the page written in the present: an irregular verb's past is searched with its base form", async () => {
    const dir = await tempDir();
    const corpus = join(dir.path, "corpus");
    await mkdir(corpus);
    await writeFile(join(corpus, "equipment.md"), "# Equipment\n\nThe company will buy a second monitor for your home office.\n");
    await writeFile(
      join(corpus, "monitor-setup.md"),
      "# Monitor setup\n\nA monitor arm keeps the monitor at eye level. Calibrate the monitor's colours once a month, and clean the monitor with a dry cloth.\n",
    );
    const index = await openIndex(join(dir.path, "db"));
    try {
      await syncSources(index, [{ name: "docs", type: "folder", path: corpus, collection: "docs", prettyUrls: false }], { logger: silentLogger() });
      const hits = await searchIndex(index, "I bought a monitor myself, will I get the money back?", { k: 2 });
      expect(hits.map((hit) => hit.docId)).toEqual(["equipment.md", "monitor-setup.md"]);
    } finally {
      index.close();
      await dir.remove();
    }
  });
});

describe("searching a question with a unit of time abbreviated", () => {
  it("finds the page that spells the unit out", async () => {
    const { index, cleanup } = await indexPages({
      "zoom.md": "# Zoom\n\nFree accounts end meetings after 40 minutes; ask someone with a paid account to host a longer call.\n",
      "calls.md": "# Calls\n\nCalls start on time. Keep calls short, keep calls on topic, and keep your camera on in calls when you can.\n",
    });
    try {
      const hits = await searchIndex(index, "my calls keep cutting off at 40 min", { k: 2 });
      expect(hits.map((hit) => hit.docId)).toEqual(["zoom.md", "calls.md"]);
    } finally {
      await cleanup();
    }
  });
});

describe("searching a wiki that keeps its meeting notes", () => {
  it("ranks the page that says what holds above a day's notes that match the question's words more often", async () => {
    const indexed = await indexPages({
      "rotations.md":
        "# Rotations\n\nEach team keeps a weekly rotation. Rotations start on Mondays at ten. The on-call engineer may swap a shift with a teammate by posting the swap in the team channel. Pages go to the primary first, then the secondary after five minutes.\n",
      "team-meetings.md":
        "# Team meetings\n\n## January 12, 2024\n\n- Sam asked whether an on-call engineer can swap an on-call shift with a teammate: swapping on-call shifts with a teammate came up again, no decision yet.\n- Discussed the roadmap.\n",
    });
    try {
      const hits = await searchIndex(indexed.index, "can I swap my on-call shift with a teammate?", { k: 2 });
      expect(hits.map((hit) => hit.docId)).toEqual(["rotations.md", "team-meetings.md"]);
    } finally {
      await indexed.cleanup();
    }
  });
});

describe("ranking passages", () => {
  const hit = (docId: string, score: number, chunkIndex = 0): SearchHit => ({
    rank: 0,
    score,
    textScore: score,
    chunkId: `${docId}#${chunkIndex}`,
    source: "s",
    docId,
    chunkIndex,
    collection: "default",
    title: docId,
    url: null,
    heading: null,
    text: "",
    updatedAt: 0,
  });

  it("shows a dominant document's next passages before weak documents: on a long page they often hold the answer", () => {
    const ranked = rankPassages([hit("a", 20, 0), hit("a", 19, 3), hit("a", 18, 7), hit("b", 6), hit("c", 5)], 4);
    expect(ranked.map((h) => `${h.docId}${h.chunkIndex}`)).toEqual(["a0", "a3", "a7", "b0"]);
  });

  it("keeps a document's weak passages behind other documents' good ones", () => {
    const ranked = rankPassages([hit("a", 10, 0), hit("a", 3, 1), hit("b", 9), hit("c", 8)], 3);
    expect(ranked.map((h) => `${h.docId}${h.chunkIndex}`)).toEqual(["a0", "b0", "c0"]);
  });

  it("keeps a passage copied onto several pages once, on the page where it scored best, so other pages keep their places", () => {
    const policy =
      "The wellness stipend is $100 a month, paid with your salary.\n\nUse it for a gym, a fitness class, a meditation app or anything else that keeps you well; keep the receipts for a year in case Finance asks.";
    const ranked = rankPassages(
      [
        { ...hit("benefits", 10), text: `## Wellness\n\n${policy}` },
        { ...hit("perks", 9), text: `### Wellness stipend\n\n${policy}` },
        { ...hit("expenses", 8), text: "Expense a gym membership through the wellness stipend." },
      ],
      2,
    );
    expect(ranked.map((h) => h.docId)).toEqual(["benefits", "expenses"]);
    // A line or two says what it means under its own heading: the same words on two pages are no copy.
    const short = rankPassages(
      [
        { ...hit("dental", 10), text: "## Dental eligibility\n\nAll full-time employees." },
        { ...hit("retirement", 9), text: "## 401k eligibility\n\nAll full-time employees." },
      ],
      2,
    );
    expect(short.map((h) => h.docId)).toEqual(["dental", "retirement"]);
  });

  it("counts a document's second passage by how well it matches next to the best passage anywhere, so a long page's weak matches do not outrank one strong page", () => {
    const ranked = rankPassages([hit("benefits", 6.5, 0), hit("severance", 9.5, 0), hit("benefits", 6.3, 4), hit("benefits", 5.9, 9)], 1);
    expect(ranked.map((h) => h.docId)).toEqual(["severance"]);
  });

  it("orders documents by their best passage plus up to half the second", () => {
    const ranked = rankPassages([hit("a", 10, 0), hit("b", 9, 0), hit("b", 8, 1)], 1);
    expect(ranked.map((h) => h.docId)).toEqual(["b"]);
  });

  it("gives every passage the score its document was ranked by, which the answer weighs its sources by", () => {
    const ranked = rankPassages([hit("a", 10, 0), hit("b", 9, 0), hit("b", 8, 1)], 3);
    const b = 9 + 0.5 * 8 * Math.sqrt(8 / 10);
    expect(ranked.map((h) => [h.docId, h.documentScore])).toEqual([
      ["b", b],
      ["b", b],
      ["a", 10],
    ]);
  });
});
