import { describe, expect, it } from "vitest";
import { createLocalEmbedder } from "../../src/llm/local-embedder.ts";
import { rerankByMeaning } from "../../src/retrieval/rerank-by-meaning.ts";
import type { SearchHit } from "../../src/retrieval/search-index.ts";

const hit = (docId: string, score: number, title: string, text: string): SearchHit => ({
  rank: 0,
  score,
  textScore: score,
  chunkId: `${docId}#0`,
  source: "kb",
  docId,
  chunkIndex: 0,
  collection: "default",
  title,
  url: null,
  heading: null,
  text,
  updatedAt: 0,
});

describe("reordering full-text candidates by meaning", () => {
  const question = "how much time off do I get when my baby arrives?";
  // Full-text order: the kitchen rule shares "time" and "get"; the parental leave page says it in other words.
  const kitchen = hit("kitchen.md", 12, "Office kitchen", "Take the time to empty the dishwasher when you get in. Label food you keep in the fridge.");
  const leave = hit("parental-leave.md", 8, "Parental leave", "New parents receive twelve weeks of paid leave after a birth or an adoption.");
  const parking = hit("parking.md", 7, "Parking", "Visitors park in the spaces marked for guests and sign in at reception.");

  it("puts the passage closest in meaning first when its words matched less", async () => {
    const reranked = await rerankByMeaning(question, [kitchen, leave, parking], createLocalEmbedder());
    expect(reranked.map((h) => h.docId)).toEqual(["parental-leave.md", "kitchen.md", "parking.md"]);
    // Each candidate keeps its full-text score for the relevance gate.
    expect(reranked.find((h) => h.docId === "kitchen.md")?.textScore).toBe(12);
  }, 60_000);

  it("reads a long passage by the sentence that matched as well as by its opening", async () => {
    const asked = "can I bring my dog to the office?";
    // The answer stands after a long opening about something else; the pet insurance page is about dogs, not the office.
    const officeLife = hit(
      "office-life.md",
      10,
      "Office life",
      "The building opens at seven and closes at nine; your keycard works at the side entrance after hours. Reception signs in guests, " +
        "holds deliveries until five and books the large meeting rooms on the third floor. Dogs are welcome in the office on Fridays, as long as they are house-trained.",
    );
    const petInsurance = hit(
      "pet-insurance.md",
      10.5,
      "Pet insurance",
      "Our pet insurance benefit covers vet bills for dogs and cats, from the first day of employment.",
    );
    const reranked = await rerankByMeaning(asked, [petInsurance, officeLife, parking], createLocalEmbedder());
    expect(reranked[0]?.docId).toBe("office-life.md");
  }, 60_000);

  it("reorders only the candidates it is given, and keeps a single one as it is", async () => {
    const embedder = createLocalEmbedder();
    expect((await rerankByMeaning(question, [kitchen, leave, parking], embedder)).map((h) => h.chunkId).sort()).toEqual(
      [kitchen, leave, parking].map((h) => h.chunkId).sort(),
    );
    expect(await rerankByMeaning(question, [kitchen], embedder)).toEqual([kitchen]);
  }, 60_000);

  it("keeps candidates past the twentieth behind the reordered ones, in full-text order", async () => {
    const many = Array.from({ length: 24 }, (_, i) => hit(`page-${i}.md`, 30 - i, `Page ${i}`, `Policy number ${i} of the handbook.`));
    const reranked = await rerankByMeaning(question, many, createLocalEmbedder());
    expect(reranked).toHaveLength(24);
    expect(reranked.slice(20).map((h) => h.docId)).toEqual(["page-20.md", "page-21.md", "page-22.md", "page-23.md"]);
    expect(Math.min(...reranked.slice(0, 20).map((h) => h.score))).toBeGreaterThanOrEqual(Math.max(...reranked.slice(20).map((h) => h.score)));
  }, 60_000);
});
