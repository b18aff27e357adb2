import { describe, expect, it } from "vitest";
import { citeDocument } from "../../src/core/cite-document.ts";
import type { SearchHit } from "../../src/retrieval/search-index.ts";

const hit = (chunkIndex: number, heading: string, text: string): SearchHit => ({
  rank: chunkIndex + 1,
  score: 1,
  textScore: 1,
  chunkId: `prodev.md#${chunkIndex}`,
  source: "handbook",
  docId: "prodev.md",
  chunkIndex,
  collection: "handbook",
  title: "Professional development",
  url: null,
  heading,
  text,
  updatedAt: 0,
});

describe("citing a document", () => {
  const limits = hit(4, "Your budget › Limits", "Hardware purchases are not covered. For spending over $50, get approval in advance.");
  const budget = hit(
    3,
    "Your budget",
    "Each team member gets an annual budget of $1,200.\n\nThe budget can be used for:\n\n- Online courses\n- Books\n- Conference tickets",
  );

  it("shows the passage the answer quoted, not the document's best-ranked one", () => {
    const citation = citeDocument([limits, budget], 1, "Each team member gets an annual budget of $1,200. [1]");
    expect(citation).toMatchObject({ n: 1, docId: "prodev.md", heading: "Your budget" });
    expect(citation.snippet).toMatch(/^Each team member gets an annual budget of \$1,200\./);
  });

  it("shows a list in the snippet as a list in a line reads", () => {
    expect(citeDocument([budget], 1, "online courses and books").snippet).toBe("Online courses; Books; Conference tickets");
  });

  it("keeps the best-ranked passage when no other shares more of what it supports", () => {
    expect(citeDocument([limits, budget], 2, "which purchases need approval?").heading).toBe("Your budget › Limits");
  });
});
