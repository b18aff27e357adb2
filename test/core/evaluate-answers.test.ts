import { describe, expect, it } from "vitest";
import { evaluateAnswers, holdsKeyWords } from "../../src/core/evaluate-answers.ts";
import type { Answer } from "../../src/core/types.ts";

const reply = (mode: Answer["mode"], text: string, docIds: string[]): Answer => ({
  id: "a",
  text,
  mode,
  grounded: true,
  unsupported: [],
  query: "",
  citations: docIds.map((docId, i) => ({ n: i + 1, docId, title: docId, url: null, heading: null, snippet: "", updatedAt: 0 })),
});

describe("judging answers", () => {
  it("holds the answer when it has at least 60% of the quote's content words, stemmed", () => {
    const quote = "Timesheets not entered by 10:00 AM the following business day are considered late.";
    expect(holdsKeyWords("Your timesheet is late if it isn't entered by 10:00 AM on the following business day [1].", quote)).toBe(true);
    expect(holdsKeyWords("Log your hours every day [1].", quote)).toBe(false);
  });

  it("reads a quote's Markdown link as its text, so the link's address is not counted as words of the answer", () => {
    const quote = "if you need a license [open an IT ticket](../../common-practices-tools/software-and-support/README.md) and request one";
    expect(holdsKeyWords("If you need a license open an IT ticket and request one [1].", quote)).toBe(true);
    expect(holdsKeyWords("Licenses are bought by the company [1].", quote)).toBe(false);
  });

  it("counts declines, wrong declines, citation precision and first citations as an asker meets them", async () => {
    const questions = [
      { id: "1", question: "q1", relevant: ["a.md"], answer: "sixteen weeks of paid leave" },
      { id: "2", question: "q2", relevant: ["b.md"], answer: "receipts within thirty days" },
      { id: "3", question: "q3", relevant: [] },
      { id: "4", question: "q4", relevant: [] },
    ];
    const replies: Record<string, Answer> = {
      q1: reply("extractive", "You get sixteen weeks of paid leave [1].", ["a.md", "x.md"]),
      q2: reply("no-answer", "I couldn't find an answer.", ["b.md"]),
      q3: reply("no-answer", "I couldn't find an answer.", ["z.md"]),
      q4: { ...reply("extractive", "Something [1].", ["z.md"]), grounded: false },
    };
    const report = await evaluateAnswers(questions, async (q) => replies[q]!);
    expect(report).toMatchObject({
      answerable: 2,
      wronglyDeclined: 1,
      unanswerable: { questions: 2, declined: 1 },
      citationPrecision: 0.5,
      firstCitationRelevant: 0.5,
      holdsAnswer: 0.5,
      grounded: 0.5,
    });
    expect(report.perQuestion.map((q) => q.holdsAnswer)).toEqual([true, false, null, null]);
    expect(report.perQuestion.map((q) => q.grounded)).toEqual([true, null, null, false]);
    // Each answer as the asker read it, for a team reviewing what a changed figure means.
    expect(report.perQuestion.map((q) => q.text)).toEqual([replies.q1!.text, replies.q2!.text, replies.q3!.text, replies.q4!.text]);
  });
});
