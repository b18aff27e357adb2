import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { splitCompounds } from "../../src/retrieval/split-compounds.ts";
import { indexPages } from "../helpers/indexed-corpus.ts";

describe("a word typed as one where the pages write it as two", () => {
  let indexed: Awaited<ReturnType<typeof indexPages>>;
  beforeAll(async () => {
    indexed = await indexPages({ "pay.md": "# Pay\n\nSalaries are paid on pay day, the 28th of each month. The web team keeps the intranet site up to date." });
  });
  afterAll(() => indexed.cleanup());

  it("is searched with those two words too", async () => {
    const table = (await indexed.index.table())!;
    const { text, split } = await splitCompounds(table, "when is payday?", null);
    expect(text).toBe("when is payday pay day?");
    // The words the pages have as two.
    expect(split).toEqual(["payday"]);
  });

  it("stays as it is when its halves are in the index but never side by side", async () => {
    const table = (await indexed.index.table())!;
    // "Web" and "site" are both in the index, but never side by side: "website" stays as it is.
    expect(await splitCompounds(table, "where is the website?", null)).toEqual({ text: "where is the website?", split: [] });
  });
});
