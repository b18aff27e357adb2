import { describe, expect, it } from "vitest";
import { fuseByRelativeScore, fuseWeighted } from "../../src/retrieval/fuse-by-relative-score.ts";
import { rankPassages, type SearchHit } from "../../src/retrieval/search-index.ts";

describe("fusing full-text and vector hits", () => {
  const hit = (id: string, score: number, textScore = score): SearchHit => ({
    rank: 0,
    score,
    textScore,
    chunkId: id,
    source: "s",
    docId: id,
    chunkIndex: 0,
    collection: "default",
    title: id,
    url: null,
    heading: null,
    text: "",
    updatedAt: 0,
  });
  const fused = (text: SearchHit[], vector: SearchHit[]) => fuseByRelativeScore(text, vector).map((h) => [h.chunkId, Number(h.score.toFixed(2))]);

  it("puts each search's scores on one 0..1 scale, best to weakest, and adds them where both found a passage", () => {
    // BM25 in the tens, cosine similarity under 1: neither scale may swamp the other.
    expect(fused([hit("a", 30), hit("b", 20), hit("c", 10)], [hit("b", 0.8, 0), hit("d", 0.6, 0), hit("a", 0.4, 0)])).toEqual([
      ["b", 1.5],
      ["a", 1],
      ["d", 0.5],
      ["c", 0],
    ]);
  });

  it("keeps a clear lead in one search a clear lead, where ranks alone would make it one place ahead", () => {
    const order = fused([hit("a", 40), hit("b", 8), hit("c", 7)], [hit("b", 0.52, 0), hit("a", 0.5, 0), hit("c", 0.3, 0)]).map(([id]) => id);
    expect(order).toEqual(["a", "b", "c"]);
  });

  it("keeps a page with one clear best passage ahead of a page with several middling ones when a second search (a model restating the question) finds the same", () => {
    const asked = [hit("a", 20), { ...hit("b", 6), chunkId: "b#0" }, { ...hit("b", 5.9), chunkId: "b#1" }, hit("c", 5)];
    const ranked = rankPassages(fuseByRelativeScore(asked, asked), 2).map((h) => h.docId);
    expect(ranked).toEqual(rankPassages(asked, 2).map((h) => h.docId));
    expect(ranked[0]).toBe("a");
  });

  it("ranks a document whose only passage scored 0 last, whatever order the hits come in", () => {
    const hits = fuseByRelativeScore([hit("a", 30), hit("b", 20), hit("c", 10)], [hit("a", 0.9, 0), hit("b", 0.5, 0)]);
    expect(rankPassages([...hits].reverse(), 3).map((h) => h.docId)).toEqual(["a", "b", "c"]);
  });

  it("counts a score that is no number as its search's weakest, and the others as they are", () => {
    expect(fused([hit("a", 30), hit("b", Number.NaN), hit("c", 10)], [])).toEqual([
      ["a", 1],
      ["b", 0],
      ["c", 0],
    ]);
  });

  it("counts a search's only hit as its best", () => {
    expect(fused([hit("a", 3)], [hit("b", 0.9, 0), hit("a", 0.5, 0)])).toEqual([
      ["a", 1],
      ["b", 1],
    ]);
  });

  it("keeps the BM25 score of a passage both searches found, and 0 for one only the vectors found", () => {
    const hits = fuseByRelativeScore([hit("a", 12)], [hit("a", 0.7, 0), hit("z", 0.6, 0)]);
    expect(hits.find((h) => h.chunkId === "a")!.textScore).toBe(12);
    expect(hits.find((h) => h.chunkId === "z")!.textScore).toBe(0);
  });

  it("counts each search's relative scores by its weight, so a heavier search's lead can outweigh the other's", () => {
    const text = [hit("a", 30), hit("b", 14), hit("c", 10)];
    const meaning = [hit("b", 0.8, 0), hit("a", 0.44, 0), hit("c", 0.2, 0)];
    const order = (weight: number) =>
      fuseWeighted([
        { hits: text, weight: 1 },
        { hits: meaning, weight },
      ]).map((h) => [h.chunkId, Number(h.score.toFixed(2))]);
    // Counted alike, "a"'s words (1 against 0.2) outweigh "b"'s meaning (1 against 0.4); counted half again as much, they do not.
    expect(order(1)).toEqual([
      ["a", 1.4],
      ["b", 1.2],
      ["c", 0],
    ]);
    expect(order(1.5)).toEqual([
      ["b", 1.7],
      ["a", 1.6],
      ["c", 0],
    ]);
  });
});
