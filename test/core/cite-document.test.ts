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

  describe("when short sections share one passage", () => {
    const vocabulary = hit(
      2,
      "Vocabulary › Chowder",
      "## Chowder\n\nChowder is our name for the weekly demo.\n\n## PDI\n\nPDI means professional development investment, a yearly budget.\n\n### 2. Spending it\n\nSpend your PDI on courses.",
    );

    it("names the section the quote opens in", () => {
      expect(citeDocument([vocabulary], 1, "PDI means professional development investment, a yearly budget. [1]").heading).toBe("Vocabulary › PDI");
      expect(citeDocument([vocabulary], 1, "Spend your PDI on courses. [1]").heading).toBe("Vocabulary › PDI › Spending it");
    });

    it("names it for a passage that opens mid-section or under no heading at all", () => {
      const untitled = hit(0, "", "Welcome to the handbook.\n\n## PDI\n\nPDI means professional development investment.");
      expect(citeDocument([{ ...untitled, heading: null }], 1, "PDI means professional development investment. [1]").heading).toBe("PDI");
      const midSection = hit(5, "Vocabulary › Chowder", "It happens on Fridays.\n\n## PDI\n\nPDI means professional development investment.");
      expect(citeDocument([midSection], 1, "PDI means professional development investment. [1]").heading).toBe("Vocabulary › PDI");
    });

    it("keeps the passage's heading for a quote that opens in its first section, wherever it goes on", () => {
      const quote = "Chowder is our name for the weekly demo. [1] PDI means professional development investment, a yearly budget. [1]";
      expect(citeDocument([vocabulary], 1, quote).heading).toBe("Vocabulary › Chowder");
    });
  });

  it("keeps the best-ranked passage when no other shares more of what it supports", () => {
    expect(citeDocument([limits, budget], 2, "which purchases need approval?").heading).toBe("Your budget › Limits");
  });
});
