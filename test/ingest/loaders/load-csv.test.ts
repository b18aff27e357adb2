import { describe, expect, it } from "vitest";
import { loadCsv } from "../../../src/ingest/loaders/load-csv.ts";

const load = async (text: string | Buffer, fileName = "rates.csv") => (await loadCsv(Buffer.isBuffer(text) ? text : Buffer.from(text), fileName)).markdown;

describe("loadCsv", () => {
  it("makes the file one table, its first row the header, and leaves the title to the file name", async () => {
    const loaded = await loadCsv(Buffer.from("City,Meals,Lodging\nDenver,74,199\nBoston,80,250\n"), "travel/rates.csv");
    expect(loaded).toEqual({
      title: null,
      url: null,
      markdown: "| City | Meals | Lodging |\n| --- | --- | --- |\n| Denver | 74 | 199 |\n| Boston | 80 | 250 |",
      keywords: "",
    });
  });

  it("reads quoted fields holding separators, doubled quotes and line breaks, with CRLF line ends", async () => {
    const markdown = await load('Office,Note\r\n"Washington, DC","Badge at the ""front"" desk\r\nafter 6pm"\r\nDenver,Open | closed on Fridays\r\n');
    expect(markdown).toBe(
      '| Office | Note |\n| --- | --- |\n| Washington, DC | Badge at the "front" desk after 6pm |\n| Denver | Open \\| closed on Fridays |',
    );
  });

  it("takes semicolons as the separator when the header has more of them, and tabs in a TSV", async () => {
    expect(await load("Stadt;Betrag\nBerlin;12,50\n")).toBe("| Stadt | Betrag |\n| --- | --- |\n| Berlin | 12,50 |");
    expect(await load("City\tMeals\nDenver\t74", "rates.tsv")).toBe("| City | Meals |\n| --- | --- |\n| Denver | 74 |");
  });

  it("reads a file with a byte order mark, and makes nothing of an empty one", async () => {
    expect(await load(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("City,Meals\nDenver,74")]))).toBe(
      "| City | Meals |\n| --- | --- |\n| Denver | 74 |",
    );
    expect(await load("")).toBe("");
  });
});
