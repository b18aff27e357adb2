import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { loadRtf } from "../../../src/ingest/loaders/load-rtf.ts";

const load = (rtf: string, fileName = "memo.rtf") => loadRtf(Buffer.from(rtf, "latin1"), fileName);
/** A body in the frame every RTF file has; styles, fonts and information come before it. */
const rtf = (body: string, head = "") =>
  `{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fswiss\\fcharset0 Arial;}{\\f1\\froman\\fcharset2 Symbol;}}${head}\n${body}}`;

describe("loadRtf", () => {
  it("reads a document saved by Word: title, headings by style, lists, a table, a footnote after its paragraph", async () => {
    const { title, markdown, keywords } = await loadRtf(
      await readFile(resolve(import.meta.dirname, "../../fixtures/loaders/travel-policy.rtf")),
      "travel-policy.rtf",
    );
    expect(markdown).toBe(
      [
        "# Travel policy",
        "## Booking",
        "Book flights through the travel desk. Keep the confirmation e-mail. Café costs are not claimed; the € limit is € 50.",
        "The travel desk answers from 8:00 to 18:00.",
        "- Economy class for flights under six hours\n  - Business class above\n- Trains under four hours",
        "### Rates",
        "| City | Meals |\n| --- | --- |\n| Denver | 74 USD a day |",
        "Rates change each October.",
        "#### Übernachtung",
        "Привет",
        "Approved by the board.",
        "Call the desk before booking a hotel.",
      ].join("\n\n"),
    );
    // The information group's title is a template's ("Memo template"): the Title paragraph names the document.
    expect(title).toBe("Travel policy");
    expect(keywords).toBe("travel, per diem, receipts Travel How travel is booked and paid");
  });

  it("leaves out what a reader does not see: hidden and deleted text, comments, headers, footers, a table of contents, pictures", async () => {
    const { markdown } = await loadRtf(await readFile(resolve(import.meta.dirname, "../../fixtures/loaders/travel-policy.rtf")), "travel-policy.rtf");
    for (const unseen of ["ticket 4711", "Old text", "who pays", "ACME confidential", "Page", "Receipts\t2", "Booking 1", "0100"]) {
      expect(markdown).not.toContain(unseen);
    }
  });

  it("takes a heading from a localized style name's outline level, and numbers headings as the document shows them", async () => {
    const styles = "{\\stylesheet{\\s0 Normal;}{\\s1\\outlinelevel0 \\u220?berschrift 1;}{\\s2\\outlinelevel1 Titre 2;}}";
    const body = "\\pard\\s1{\\listtext 1.\\tab}Urlaub\\par\\pard\\s2{\\listtext 1.1\\tab}Antrag\\par\\pard Im Portal.\\par";
    expect((await load(rtf(body, styles))).markdown).toBe("## 1. Urlaub\n\n### 1.1 Antrag\n\nIm Portal.");
  });

  it("reads TextEdit's lists and line breaks, and a bold line standing alone as a heading", async () => {
    const body = [
      "\\pard\\f0\\b Office hours\\",
      "\\pard\\b0 The office opens at 8.\\",
      "\\pard\\li720\\fi-720\\ls1\\ilvl0 {\\listtext\t\\uc0\\u8226 \t}Bring your badge\\",
      "{\\listtext\t\\uc0\\u8226 \t}Sign in at reception\\",
      "\\pard\\ls2\\ilvl0 {\\listtext\t1.\t}Open the door\\",
      "{\\listtext\t2.\t}Close it",
    ].join("\n");
    expect((await load(rtf(body))).markdown).toBe(
      "## Office hours\n\nThe office opens at 8.\n\n- Bring your badge\n- Sign in at reception\n\n1. Open the door\n2. Close it",
    );
  });

  it("reads Pandoc's lists, whose bullets and numbers are typed before a tab, nested by their indent", async () => {
    const body = [
      "{\\pard \\ql \\f0 \\sa180 \\li0 \\fi0 \\outlinelevel0 \\b \\fs36 Leave\\par}",
      "{\\pard \\ql \\f0 \\sa0 \\li360 \\fi-360 \\bullet \\tx360\\tab Annual leave\\par}",
      "{\\pard \\ql \\f0 \\sa0 \\li720 \\fi-360 \\endash \\tx360\\tab 25 days\\par}",
      "{\\pard \\ql \\f0 \\sa0 \\li360 \\fi-360 2.\\tx360\\tab Sick leave\\par}",
    ].join("\n");
    expect((await load(rtf(body))).markdown).toBe("## Leave\n\n- Annual leave\n  - 25 days\n\n2. Sick leave");
  });

  it("reads a cell's paragraphs, and a table nested in a cell, as that cell's text", async () => {
    const row = (cells: string) => `\\trowd\\cellx3000\\cellx6000\\pard\\intbl ${cells}\\row`;
    const nested = "Rates\\nestcell{\\*\\nesttableprops\\trowd\\cellx1000\\nestrow}Meals\\nestcell{\\*\\nesttableprops\\trowd\\cellx1000\\nestrow}";
    const body = `${row("City\\cell Costs\\cell")}\n${row(`Berlin\\par Mitte\\cell ${nested}\\cell`)}\\pard After.\\par`;
    expect((await load(rtf(body))).markdown).toBe("| City | Costs |\n| --- | --- |\n| Berlin Mitte | Rates Meals |\n\nAfter.");
  });

  it("decodes bytes by the font's character set, and skips the stand-in after a Unicode character", async () => {
    const fonts = "{\\fonttbl{\\f0\\fswiss\\fcharset0 Arial;}{\\f2\\fnil\\fcharset238 Arial CE;}{\\f3\\fnil\\fcharset128 MS Gothic;}}";
    const body = "\\pard Na\\'efve {\\f2 \\'9ailo} {\\f3 \\'93\\'fa\\'96\\'7b} \\uc2\\u8212\\'81\\'5c done {\\uc0\\u8364} 5\\par";
    expect((await load(`{\\rtf1\\ansi\\ansicpg1252\\deff0${fonts}\n${body}}`)).markdown).toBe("Naïve šilo 日本 — done € 5");
  });

  it("reads Windows-1252's own characters (quotes, dashes, the euro sign) and a two-byte character whose second byte is written plain", async () => {
    expect((await load(rtf("\\pard It\\'92s \\'93\\'80 5\\'94 \\'96 \\'85\\par"))).markdown).toBe("It’s “€ 5” – …");
    const fonts = "{\\fonttbl{\\f0\\fnil\\fcharset128 MS Gothic;}}";
    expect((await load(`{\\rtf1\\ansi\\deff0${fonts}\\pard \\'83e\\'83X\\'83g\\par}`)).markdown).toBe("テスト");
  });

  it("reads the Unicode half of a title Word writes twice (\\upr), and a field's result, not the field nested in its instruction", async () => {
    const info = "{\\info{\\upr{\\title ????}{\\*\\ud{\\title \\u1055?\\u1088?\\u1080?}}}}";
    expect((await load(rtf("\\pard Body\\par", info))).title).toBe("При");
    const letter = 'Dear {\\field{\\*\\fldinst IF {\\field{\\*\\fldinst MERGEFIELD Gender}{\\fldrslt Gender}} = "F" "Madam" "Sir"}{\\fldrslt Sir}},';
    expect((await load(rtf(`\\pard ${letter}\\par`))).markdown).toBe("Dear Sir,");
  });

  it("ends a paragraph at a section, page or column break, as Word's last paragraph of a section has no \\par", async () => {
    const styles = "{\\stylesheet{\\s1 heading 1,H1;}}";
    const body = "\\pard Costs are reimbursed within 30 days.\\sect\\sectd\\pard\\s1 Travel\\par\\pard End of part one.\\page Part two.\\par";
    expect((await load(rtf(body, styles))).markdown).toBe("Costs are reimbursed within 30 days.\n\n## Travel\n\nEnd of part one.\n\nPart two.");
  });

  it("numbers a list as the document does, keeps a footnote out of the item holding it, and takes a lone letter for a bullet", async () => {
    const item = (list: number, number: string, text: string) => `\\pard\\ls${list}\\ilvl0{\\listtext ${number}\\tab}${text}\\par`;
    const footnote = "{\\footnote\\pard Form HR-7.\\par}";
    const body = [
      item(1, "1.", `Submit the form.${footnote}`),
      item(1, "2.", "Wait."),
      item(2, "1.", "Book."),
      "\\pard\\ls3\\ilvl1{\\listtext\\f1 o\\tab}Economy\\par",
    ].join("");
    expect((await load(rtf(body))).markdown).toBe("1. Submit the form.\n\nForm HR-7.\n\n2. Wait.\n\n1. Book.\n   - Economy");
  });

  it('takes a typed number for a list item only on a hanging line, so "Tel.<tab>555" stays a line of text', async () => {
    expect((await load(rtf("\\pard Tel.\\tab 555-1234\\par\\pard\\li360\\fi-360 1.\\tab Call first\\par"))).markdown).toBe("Tel. 555-1234\n\n1. Call first");
  });

  it("passes over TextEdit's pictures and what follows the document's closing brace", async () => {
    const cocoa = "{\\rtf1\\ansi\\cocoartf2639\n\\pard See the chart:\\\n{{\\NeXTGraphic chart.png \\width4000\n}\\'ac}\\\nAfter.}trailing junk";
    expect((await load(cocoa)).markdown).toBe("See the chart:\n\nAfter.");
  });

  it("passes over binary picture data, braces in it included", async () => {
    // Three bytes of data, "{}}", then the braces closing the picture and its group.
    const body = "\\pard Before {\\*\\shppict{\\pict\\pngblip\\bin3 {}}}}after.\\par";
    expect((await load(rtf(body))).markdown).toBe("Before after.");
  });

  it("titles a document without headings by its information group, and one with a heading by the heading", async () => {
    const info = "{\\info{\\title Expense rules}{\\keywords receipts}}";
    expect(await load(rtf("\\pard Keep receipts.\\par", info))).toMatchObject({ title: "Expense rules", keywords: "receipts", markdown: "Keep receipts." });
    const styles = "{\\stylesheet{\\s1 heading 1;}}";
    expect(await load(rtf("\\pard\\s1 Expenses\\par\\pard Keep receipts.\\par", styles + info))).toMatchObject({
      title: "Expenses",
      markdown: "## Expenses\n\nKeep receipts.",
    });
  });

  it("reads a file cut short as far as it goes, and names a file that is no RTF", async () => {
    expect((await load("{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}\\pard First part.\\par Second {\\b par")).markdown).toBe("First part.\n\nSecond **par**");
    await expect(load("PK\u0003\u0004 a zip", "memo.rtf")).rejects.toThrow(/^could not read RTF memo\.rtf: it is not an RTF file/);
  });
});
