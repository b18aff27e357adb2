import { readFile } from "node:fs/promises";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { loadXlsx } from "../../../src/ingest/loaders/load-xlsx.ts";

const fixture = (name: string) => readFile(new URL(`../../fixtures/loaders/${name}`, import.meta.url));

describe("loadXlsx", () => {
  it("makes each visible sheet a section holding one table, its first filled row the header, and titles the workbook by its file name", async () => {
    const workbook = await loadXlsx(await fixture("travel-rates.xlsx"), "finance/travel-rates.xlsx");
    expect(workbook.title).toBe("travel rates");
    expect(workbook.markdown).toBe(
      [
        "## Per diem",
        "",
        "| City | Meals | Lodging | Updated | Allowance |",
        "| --- | --- | --- | --- | --- |",
        "| Denver | 74 | 199 | 2024-01-01 | 3 |",
        "| Boston \\| Cambridge | 80 | ask the travel desk | 2024-02-01 12:00 |  |",
        "| Sales tax | 6.25% |  |  | 0.3 |",
        "",
        "## Approvals",
        "",
        "| Amount | Approver | Receipt needed |",
        "| --- | --- | --- |",
        "| Over 500 EUR | Director | TRUE |",
      ].join("\n"),
    );
  });

  it("reads dates in the 1904 date system when the workbook uses it", async () => {
    const zip = await JSZip.loadAsync(await fixture("travel-rates.xlsx"));
    const workbook = await zip.file("xl/workbook.xml")!.async("string");
    zip.file("xl/workbook.xml", workbook.replace("<workbookPr/>", '<workbookPr date1904="1"/>'));
    const { markdown } = await loadXlsx(await zip.generateAsync({ type: "nodebuffer" }), "rates.xlsx");
    expect(markdown).toContain("| Denver | 74 | 199 | 2028-01-02 | 3 |");
  });

  it("reads the control characters Excel escapes in text, a line break in a cell as a space", async () => {
    const zip = await JSZip.loadAsync(await fixture("travel-rates.xlsx"));
    const strings = await zip.file("xl/sharedStrings.xml")!.async("string");
    zip.file("xl/sharedStrings.xml", strings.replace("<t>Denver</t>", "<t>Denver_x000D_\nmetro_x005F_x</t>"));
    const { markdown } = await loadXlsx(await zip.generateAsync({ type: "nodebuffer" }), "rates.xlsx");
    expect(markdown).toContain("| Denver metro_x | 74 | 199 |");
  });

  it("rejects a file that is not a zip, or a zip that is not a workbook, naming the file", async () => {
    await expect(loadXlsx(await fixture("broken.xlsx"), "broken.xlsx")).rejects.toThrow(/^could not read XLSX broken\.xlsx: it is not a zip package/);
    const notABook = await new JSZip().file("notes.txt", "hello").generateAsync({ type: "nodebuffer" });
    await expect(loadXlsx(notABook, "notes.xlsx")).rejects.toThrow(/could not read XLSX notes\.xlsx: it has no xl\/workbook\.xml/);
  });
});
