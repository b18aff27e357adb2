import { readFile } from "node:fs/promises";
import CFB from "cfb";
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

  /** The rates workbook with one of its parts rewritten (or added, or removed when the rewrite gives null). */
  async function workbookWith(path: string, rewrite: (xml: string) => string | null): Promise<Buffer> {
    const zip = await JSZip.loadAsync(await fixture("travel-rates.xlsx"));
    const xml = rewrite((await zip.file(path)?.async("string")) ?? "");
    if (xml === null) zip.remove(path);
    else zip.file(path, xml);
    return zip.generateAsync({ type: "nodebuffer" });
  }

  it("reads the text boxes drawn on a sheet after its table, not its charts", async () => {
    const zip = await JSZip.loadAsync(await fixture("travel-rates.xlsx"));
    const sheet = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    zip.file("xl/worksheets/sheet1.xml", sheet.replace("</worksheet>", '<drawing r:id="rId9"/></worksheet>'));
    zip.file(
      "xl/worksheets/_rels/sheet1.xml.rels",
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/drawing1.xml"/></Relationships>',
    );
    const box = (text: string) =>
      `<xdr:twoCellAnchor><xdr:sp><xdr:txBody><a:bodyPr/><a:p><a:r><a:t>${text}</a:t></a:r></a:p></xdr:txBody></xdr:sp></xdr:twoCellAnchor>`;
    const chart =
      '<xdr:twoCellAnchor><xdr:graphicFrame><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"/></a:graphic></xdr:graphicFrame></xdr:twoCellAnchor>';
    zip.file(
      "xl/drawings/drawing1.xml",
      `<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">${box("Rates apply from 1 January.")}${chart}${box("# Ask the travel desk")}</xdr:wsDr>`,
    );
    const { markdown } = await loadXlsx(await zip.generateAsync({ type: "nodebuffer" }), "rates.xlsx");
    expect(markdown).toContain("| Sales tax | 6.25% |  |  | 0.3 |\n\nRates apply from 1 January.\n\n\\# Ask the travel desk\n\n## Approvals");
  });

  it("leaves out hidden rows and columns, as hidden sheets", async () => {
    const hide = (xml: string) =>
      xml.replace("<sheetData>", '<cols><col min="3" max="4" hidden="1"/></cols><sheetData>').replace('<row r="3">', '<row r="3" hidden="1">');
    const { markdown } = await loadXlsx(await workbookWith("xl/worksheets/sheet1.xml", hide), "rates.xlsx");
    expect(markdown).toContain("| City | Meals | Allowance |\n| --- | --- | --- |\n| Denver | 74 | 3 |\n| Sales tax | 6.25% | 0.3 |");
    expect(markdown).not.toContain("Boston");
  });

  it("shows times of day and elapsed hours as Excel does, and the days before Excel's 29 February 1900 on their date", async () => {
    const styles = (xml: string) =>
      xml
        .replace('<numFmts count="2">', '<numFmts count="3"><numFmt numFmtId="166" formatCode="[h]:mm"/>')
        .replace('<cellXfs count="5">', '<cellXfs count="8">')
        .replace("</cellXfs>", '<xf numFmtId="20"/><xf numFmtId="166"/><xf numFmtId="165" formatCode="x"/></cellXfs>');
    let bytes = await workbookWith("xl/styles.xml", styles);
    const zip = await JSZip.loadAsync(bytes);
    const sheet = await zip.file("xl/worksheets/sheet3.xml")!.async("string");
    zip.file(
      "xl/worksheets/sheet3.xml",
      sheet.replace("</sheetData>", '<row r="3"><c r="A3" s="5"><v>0.375</v></c><c r="B3" s="6"><v>1.5</v></c><c r="C3" s="1"><v>59</v></c></row></sheetData>'),
    );
    bytes = await zip.generateAsync({ type: "nodebuffer" });
    expect((await loadXlsx(bytes, "rates.xlsx")).markdown).toContain("| 09:00 | 36:00 | 1900-02-28 |");
  });

  it("finds the shared strings by the workbook's relationships, whatever the part is called", async () => {
    const zip = await JSZip.loadAsync(await fixture("travel-rates.xlsx"));
    zip.file("xl/SharedStrings.xml", await zip.file("xl/sharedStrings.xml")!.async("string"));
    zip.remove("xl/sharedStrings.xml");
    const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
    zip.file("xl/_rels/workbook.xml.rels", rels.replace('Target="sharedStrings.xml"', 'Target="SharedStrings.xml"'));
    expect((await loadXlsx(await zip.generateAsync({ type: "nodebuffer" }), "rates.xlsx")).markdown).toContain("| Denver | 74 | 199 |");
  });

  it("leaves the phonetic guide out of a cell's own text as out of a shared string", async () => {
    const bytes = await workbookWith("xl/worksheets/sheet3.xml", (xml) =>
      xml.replace("</sheetData>", '<row r="3"><c r="A3" t="inlineStr"><is><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></is></c></row></sheetData>'),
    );
    expect((await loadXlsx(bytes, "rates.xlsx")).markdown).toContain("| 東京 |  |  |");
  });

  it("reads a title above a sheet's table as a line of text, not as the table's header", async () => {
    const bytes = await workbookWith("xl/worksheets/sheet3.xml", (xml) =>
      xml
        .replace("<sheetData>", '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Approval limits, 2024</t></is></c></row>')
        .replace(/<row r="1">(?=<c r="A1" t="s")/, '<row r="2">'),
    );
    expect((await loadXlsx(bytes, "rates.xlsx")).markdown).toContain("## Approvals\n\nApproval limits, 2024\n\n| Amount | Approver | Receipt needed |");
  });

  it("rejects a file that is not a zip, or a zip that is not a workbook, naming the file", async () => {
    await expect(loadXlsx(await fixture("broken.xlsx"), "broken.xlsx")).rejects.toThrow(/^could not read XLSX broken\.xlsx: it is not a zip package/);
    const encrypted = CFB.utils.cfb_new();
    CFB.utils.cfb_add(encrypted, "EncryptedPackage", Buffer.alloc(64));
    const locked = Buffer.from(CFB.write(encrypted, { type: "buffer" }) as Uint8Array);
    await expect(loadXlsx(locked, "salaries.xlsx")).rejects.toThrow(/^could not read XLSX salaries\.xlsx: it is password-protected/);
    const notABook = await new JSZip().file("notes.txt", "hello").generateAsync({ type: "nodebuffer" });
    await expect(loadXlsx(notABook, "notes.xlsx")).rejects.toThrow(/could not read XLSX notes\.xlsx: it has no xl\/workbook\.xml/);
  });
});
