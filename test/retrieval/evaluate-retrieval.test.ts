import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { evaluateRetrieval, normalizeForMatch, readQuestionSet } from "../../src/retrieval/evaluate-retrieval.ts";
import { tempDir } from "../helpers/corpus.ts";

const questions = [
  { id: "a", question: "qa", relevant: ["x.md", "y.md"] },
  { id: "b", question: "qb", relevant: ["z.md"] },
  { id: "c", question: "qc", relevant: [] },
];
const rankings: Record<string, string[]> = { qa: ["y.md", "w.md", "x.md"], qb: ["w.md", "v.md"], qc: ["w.md"] };

describe("evaluateRetrieval", () => {
  it("computes per-document hit@k, recall@k, MRR and nDCG, leaving unanswerable questions apart", async () => {
    const report = await evaluateRetrieval(questions, 2, async (q) => ({ docIds: rankings[q]!, declined: q === "qc" }));
    expect(report.questions).toBe(2);
    expect(report.hitAtK).toBe(0.5);
    expect(report.recallAtK).toBe(0.25); // a: 1 of 2 in the top 2; b: 0 of 1
    expect(report.mrr).toBe(0.5); // a: first relevant at rank 1; b: none
    expect(report.ndcgAtK).toBeCloseTo(1 / (1 + 1 / Math.log2(3)) / 2, 6);
    expect(report.unanswerable).toEqual({ questions: 1, declined: 1 });
    expect(report.perQuestion).toEqual([
      { id: "a", hit: true, rank: 1, docIds: ["y.md", "w.md"] },
      { id: "b", hit: false, rank: null, docIds: ["w.md", "v.md"] },
    ]);
  });

  it("counts a document once when a pipeline returns several of its chunks", async () => {
    const report = await evaluateRetrieval([questions[0]!], 3, async () => ({ docIds: ["x.md", "x.md", "x.md"], declined: false }));
    expect(report.recallAtK).toBe(0.5);
  });

  it("names the line of a malformed question", async () => {
    const dir = await tempDir();
    const file = join(dir.path, "q.jsonl");
    await writeFile(file, `{"id":"1","question":"q","relevant":[]}\n{"id":"2","relevant":[]}\nnot json\n`);
    await expect(readQuestionSet(file)).rejects.toThrow(`${file}:2: question`);
    await dir.remove();
  });
});

describe("answer in the top k passages", () => {
  it("looks the answer quote up in the top k passages, both sides stripped of Markdown, case and spacing", async () => {
    const quoted = [
      { id: "a", question: "qa", relevant: ["x.md"], answer: "Bill your time in 15-minute increments." },
      { id: "b", question: "qb", relevant: ["x.md"], answer: "Ask in the #it-support channel." },
    ];
    const passages: Record<string, string[]> = {
      qa: ["Other text.", "**Bill your time**\n  in [15-minute](https://x.example/inc) increments. More."],
      qb: ["Nothing here.", "Still nothing.", "Ask in the #it-support channel."],
    };
    const report = await evaluateRetrieval(quoted, 2, async (q) => ({ docIds: ["x.md"], declined: false, passages: passages[q] }));
    expect(report.answerInTopK).toBe(0.5);
    expect(report.perQuestion.map((q) => q.answerInTopK)).toEqual([true, false]);
  });

  it("reports no figure when no question carries an answer quote", async () => {
    const report = await evaluateRetrieval([questions[1]!], 2, async () => ({ docIds: ["z.md"], declined: false, passages: ["z"] }));
    expect(report.answerInTopK).toBeNull();
  });

  it("normalizes links, emphasis, typographic quotes and whitespace the same way on both sides", () => {
    expect(normalizeForMatch("We **don’t** cover  [airfare](https://a.example) —\n_ever_.")).toBe("we don't cover airfare - ever.");
  });

  it("reads a shortcut reference link and an email autolink as their text, as the page shows them", () => {
    expect(normalizeForMatch("Avoid merge commits by using a [rebase workflow].")).toBe("avoid merge commits by using a rebase workflow.");
    expect(normalizeForMatch("report it to our <security@example.com> address")).toBe("report it to our security@example.com address");
    expect(normalizeForMatch("[rebase workflow]: https://a.example/rebase")).toBe("[rebase workflow]: https://a.example/rebase");
  });

  it("drops a list's bullets and numbers, which a quote copied from the rendered page does not have", () => {
    expect(normalizeForMatch("- Default: Two weeks.\n- Funding-crunch: One week.")).toBe(normalizeForMatch("Default: Two weeks. Funding-crunch: One week."));
    expect(normalizeForMatch("1. Open the form\n2) Sign it")).toBe("open the form sign it");
  });
});
