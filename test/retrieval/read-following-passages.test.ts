import { describe, expect, it } from "vitest";
import { splitDocument } from "../../src/ingest/split-document.ts";
import type { ContextRow } from "../../src/retrieval/read-passage-context.ts";
import { withFollowingPassages } from "../../src/retrieval/read-following-passages.ts";
import type { SearchHit } from "../../src/retrieval/search-index.ts";

/** A document's chunks as the index stores them, and a hit on one of them. */
async function chunksOf(markdown: string, options: { chunkSize: number; chunkOverlap: number }): Promise<ContextRow[]> {
  return (await splitDocument(markdown, options)).map((passage, chunkIndex) => ({
    id: `doc#${chunkIndex}`,
    source: "kb",
    docId: "doc.md",
    chunkIndex,
    heading: passage.heading,
    text: passage.text,
  }));
}
const hitOn = (row: ContextRow): SearchHit => ({
  ...row,
  rank: 1,
  score: 1,
  textScore: 1,
  chunkId: row.id,
  collection: "default",
  title: "Doc",
  url: null,
  updatedAt: 0,
});

describe("a passage with the chunk that carries on its section", () => {
  it("reads the lines two chunks share once: a long table's rows and its repeated header", async () => {
    const rows = Array.from({ length: 40 }, (_, i) => `| City ${i} | $${50 + i} | $${150 + i} |`);
    const chunks = await chunksOf(["## Rates", "", "| City | Meals | Lodging |", "| --- | --- | --- |", ...rows].join("\n"), {
      chunkSize: 300,
      chunkOverlap: 60,
    });
    expect(chunks.length).toBeGreaterThan(2);
    // The chunks do overlap, and the second repeats the header: what the join must not read twice.
    expect(chunks[1]!.text.startsWith("| City | Meals | Lodging |")).toBe(true);
    expect(chunks[0]!.text).toContain(rows.find((row) => chunks[1]!.text.includes(row))!);
    const [joined] = withFollowingPassages([hitOn(chunks[0]!)], chunks);
    const lines = joined!.text.split("\n").filter((line) => line.startsWith("|"));
    expect(new Set(lines).size).toBe(lines.length);
    expect(joined!.text).toContain(chunks[1]!.text.split("\n").at(-1)!);
  });

  it("leaves the passage as it is when the next chunk says nothing it does not", () => {
    const row = (chunkIndex: number, text: string): ContextRow => ({
      id: `doc#${chunkIndex}`,
      source: "kb",
      docId: "doc.md",
      chunkIndex,
      heading: "Rates",
      text,
    });
    const first = row(0, "Intro.\n\nMeals are paid at cost, within the daily rate for the city you travel to.");
    const second = row(1, "Meals are paid at cost, within the daily rate for the city you travel to.");
    expect(withFollowingPassages([hitOn(first)], [first, second])[0]!.text).toBe(first.text);
  });
});
