import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { absentWords } from "../../src/retrieval/absent-words.ts";
import type { KnowledgeIndex } from "../../src/retrieval/open-index.ts";
import { indexPages } from "../helpers/indexed-corpus.ts";

describe("the words of a question that no source mentions", () => {
  let index: KnowledgeIndex;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ index, cleanup } = await indexPages({
      "sickness.md": "# Sickness\n\nIf you are unwell for more than seven days, send a fit note to the People team.\n",
      "expenses.md": "# Expenses\n\nClaim a taxi receipt within thirty days in the expenses portal.\n",
    }));
  });
  afterAll(() => cleanup());

  const absent = async (question: string) => absentWords((await index.table())!, question, null);

  it("names the content words no passage has, as typed, and finds the others through their stems", async () => {
    expect(await absent("off with flu for 6 days, do I need a note from the doctor?")).toEqual(["flu", "doctor"]);
    expect(await absent("claiming taxi receipts")).toEqual([]);
  });

  it("never names a stop word, a contraction or a number", async () => {
    expect(await absent("why shouldn't I claim it myself, and what's the deal with anything per day?")).toEqual(["deal"]);
    expect(await absent("thats 30 days right")).toEqual(["right"]);
  });

  it("never names a unit of time abbreviated after a number: the page spells it out", async () => {
    expect(await absent("unwell for 7 wks, or 10hrs a week?")).toEqual(["week"]);
  });

  it("checks a long message's first eight content words only: each costs a lookup", async () => {
    const words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet"];
    expect(await absent(words.join(" "))).toEqual(words.slice(0, 8));
  });
});
