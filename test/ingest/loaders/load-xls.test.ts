import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import CFB from "cfb";
import { describe, expect, it } from "vitest";
import { loadXls } from "../../../src/ingest/loaders/load-xls.ts";

/** One BIFF8 record: type and length, then data. Data longer than a record holds goes on in CONTINUE records. */
function record(type: number, ...data: Buffer[]): Buffer {
  const body = Buffer.concat(data);
  const header = Buffer.alloc(4);
  header.writeUInt16LE(type, 0);
  header.writeUInt16LE(body.length, 2);
  return Buffer.concat([header, body]);
}
const u16 = (...values: number[]) => Buffer.from(new Uint16Array(values).buffer);
const u32 = (value: number) => Buffer.from(new Uint32Array([value]).buffer);
const f64 = (value: number) => Buffer.from(new Float64Array([value]).buffer);
const latin1String = (text: string) => Buffer.concat([u16(text.length), Buffer.from([0]), Buffer.from(text, "latin1")]);
const wideString = (text: string) => Buffer.concat([u16(text.length), Buffer.from([1]), Buffer.from(text, "utf16le")]);
const bof = (kind: number) => record(0x0809, u16(0x0600, kind, 0, 0), u32(0), u32(0));
const eof = () => record(0x000a);
const sheetEntry = (name: string, hidden = false) => [u32(0), Buffer.from([hidden ? 1 : 0, 0, name.length, 0]), Buffer.from(name, "latin1")];

/**
 * A workbook as Excel 97–2003 writes it: globals (formats, cell styles, shared strings, the sheet list with
 * each sheet's offset), then each sheet's cell records, in the compound file's "Workbook" stream.
 */
function workbook(options: { sst?: Buffer[]; formats?: Buffer[]; sheets: { name: string; hidden?: boolean; records: Buffer[] }[]; before?: Buffer[] }): Buffer {
  const xfs = [0, 0, 14, 9].map((format) => record(0x00e0, u16(0, format), Buffer.alloc(16)));
  const globalsWithout = (offsets: number[]) =>
    Buffer.concat([
      bof(0x0005),
      ...(options.before ?? []),
      ...(options.formats ?? []),
      ...xfs,
      ...options.sheets.map((sheet, i) => {
        const [offset, flags, name] = sheetEntry(sheet.name, sheet.hidden);
        offset!.writeUInt32LE(offsets[i] ?? 0);
        return record(0x0085, offset!, flags!, name!);
      }),
      ...(options.sst ?? []),
      eof(),
    ]);
  const bodies = options.sheets.map((sheet) => Buffer.concat([bof(0x0010), ...sheet.records, eof()]));
  let at = globalsWithout([]).length;
  const offsets = bodies.map((body) => ((at += body.length), at - body.length));
  const stream = Buffer.concat([globalsWithout(offsets), ...bodies]);
  const container = CFB.utils.cfb_new();
  CFB.utils.cfb_add(container, "Workbook", stream);
  return Buffer.from(CFB.write(container, { type: "buffer" }) as Uint8Array);
}
const cell = (row: number, column: number, style = 0) => u16(row, column, style);
const sst = (strings: string[]) => record(0x00fc, u32(strings.length), u32(strings.length), ...strings.map(latin1String));

describe("loadXls", () => {
  it("reads a workbook saved by LibreOffice as Excel 97–2003: visible sheets as tables, cells as shown, hidden rows and columns left out", async () => {
    const { title, markdown } = await loadXls(await readFile(resolve(import.meta.dirname, "../../fixtures/loaders/budget.xls")), "budget.xls");
    expect(title).toBe("budget");
    expect(markdown).toBe(
      [
        "## Budget 2024",
        "| Team | Budget | Share | Approved |\n| --- | --- | --- | --- |\n| Design – Ελλάδα | 120000 | 25% | 2024-03-15 |\n| Engineering | 300000 | 71.4285714285714% | 2024-04-02 |\n| Total checked | 1 | #DIV/0! |  |",
        "## Notes",
        "| Budgets are set each March by the finance team. |\n| --- |",
      ].join("\n\n"),
    );
  });

  it("reads every kind of cell: shared and inline text, numbers to Excel's 15 digits, compact numbers, formulas' last results, booleans and errors", async () => {
    const rk = (value: number) => u32(((value * 100) << 2) | 0x03); // an integer stored as a hundredth
    const records = [
      record(0x00fd, cell(0, 0), u32(0)),
      record(0x00fd, cell(0, 1), u32(1)),
      record(0x0204, cell(1, 0), wideString("Zürich – 東京")),
      record(0x0203, cell(1, 1, 3), f64(0.0625)),
      record(0x027e, cell(2, 0), u32((7 << 2) | 0x02)),
      record(0x00bd, u16(2, 1), u16(2), u32((45292 << 2) | 0x02), u16(0), rk(12.5), u16(3)),
      record(0x0006, cell(3, 0), Buffer.from([0, 0, 0, 0, 0, 0, 0xff, 0xff]), u16(0), u32(0)),
      record(0x0207, latin1String("from a formula")),
      record(0x0006, cell(3, 1), Buffer.from([1, 0, 1, 0, 0, 0, 0xff, 0xff]), u16(0), u32(0)),
      record(0x0205, cell(4, 0), Buffer.from([0x2a, 1])),
      record(0x0205, cell(4, 1), Buffer.from([0, 0])),
      // A formula's short text ("No": a four-byte record), an ISBN's 13 digits, a number too big for a date.
      record(0x0006, cell(5, 0), Buffer.from([0, 0, 0, 0, 0, 0, 0xff, 0xff]), u16(0), u32(0)),
      record(0x0207, latin1String("No")),
      record(0x0203, cell(5, 1), f64(9780306406157)),
      record(0x0203, cell(5, 2, 2), f64(1e12)),
    ];
    const { markdown } = await loadXls(workbook({ sst: [sst(["City", "Rate"])], sheets: [{ name: "Rates", records }] }), "rates.xls");
    expect(markdown).toBe(
      "## Rates\n\n| City | Rate |  |\n| --- | --- | --- |\n| Zürich – 東京 | 6.25% |  |\n| 7 | 2024-01-01 | 12.5 |\n| from a formula | TRUE |  |\n| #N/A | FALSE |  |\n| No | 9780306406157 | 1000000000000 |",
    );
  });

  it("reads shared text cut across records, where the rest of a string restates whether it is one or two bytes a character", async () => {
    const long = "Meals are reimbursed at the per diem rate of the city you stay in. ".repeat(3);
    const wide = "Übernachtung – 宿泊";
    // The string table's first record ends inside the first string; its CONTINUE opens with the width flag again.
    const cut = 40;
    const first = record(0x00fc, u32(2), u32(2), u16(long.length), Buffer.from([0]), Buffer.from(long.slice(0, cut), "latin1"));
    const rest = record(0x003c, Buffer.from([0]), Buffer.from(long.slice(cut), "latin1"), wideString(wide).subarray(0, 5));
    const more = record(0x003c, Buffer.from([1]), Buffer.from(wide.slice(1), "utf16le"));
    const records = [record(0x00fd, cell(0, 0), u32(0)), record(0x00fd, cell(1, 0), u32(1))];
    const { markdown } = await loadXls(workbook({ sst: [first, rest, more], sheets: [{ name: "Policy", records }] }), "policy.xls");
    expect(markdown).toBe(`## Policy\n\n| ${long.trim()} |\n| --- |\n| ${wide} |`);
  });

  it("leaves out hidden sheets, rows and columns, and a chart embedded in a sheet", async () => {
    const hiddenRow = record(0x0208, u16(1, 0, 2, 255, 0, 0), u16(0x20), u16(0));
    const hiddenColumn = record(0x007d, u16(1, 1, 0, 0, 0x01, 0));
    const chart = Buffer.concat([bof(0x0020), record(0x0204, cell(5, 0), latin1String("chart title")), eof()]);
    const visible = [
      hiddenRow,
      hiddenColumn,
      record(0x0204, cell(0, 0), latin1String("Team")),
      record(0x0204, cell(0, 1), latin1String("Secret")),
      record(0x0204, cell(0, 2), latin1String("Budget")),
    ];
    const records = [
      ...visible,
      record(0x0204, cell(1, 0), latin1String("Legal")),
      record(0x0204, cell(2, 0), latin1String("Design")),
      chart,
      record(0x0203, cell(2, 2), f64(10)),
    ];
    const book = workbook({
      sheets: [
        { name: "Budget", records },
        { name: "Salaries", hidden: true, records: [record(0x0204, cell(0, 0), latin1String("salary"))] },
      ],
    });
    expect((await loadXls(book, "budget.xls")).markdown).toBe("## Budget\n\n| Team | Budget |\n| --- | --- |\n| Design | 10 |");
  });

  it("names what it cannot read: a password-protected workbook, an Excel 5 or 4 one, a file that is no workbook", async () => {
    const locked = workbook({ before: [record(0x002f, u16(1))], sheets: [{ name: "S", records: [] }] });
    await expect(loadXls(locked, "locked.xls")).rejects.toThrow(/^could not read XLS locked\.xls: it is password-protected/);
    const container = CFB.utils.cfb_new();
    CFB.utils.cfb_add(container, "Book", record(0x0809, u16(0x0500, 0x0005)));
    await expect(loadXls(Buffer.from(CFB.write(container, { type: "buffer" }) as Uint8Array), "old.xls")).rejects.toThrow(
      /^could not read XLS old\.xls: .*Excel 5 or older/,
    );
    const excel4 = Buffer.concat([record(0x0409, u16(0, 0x0010, 0)), record(0x000a)]);
    await expect(loadXls(excel4, "1994.xls")).rejects.toThrow(/^could not read XLS 1994\.xls: it is an Excel 4 or older workbook/);
    await expect(loadXls(Buffer.from("%PDF-1.4 a report"), "report.xls")).rejects.toThrow(/^could not read XLS report\.xls/);
  });

  it("reads what web applications export as .xls and Excel opens anyway: an HTML table, tab-separated text, an XLSX", async () => {
    const html = "<html><body><table><tr><th>City</th><th>Meals</th></tr><tr><td>Denver</td><td>74</td></tr></table></body></html>";
    expect((await loadXls(Buffer.from(html), "export.xls")).markdown).toBe("| City | Meals |\n| --- | --- |\n| Denver | 74 |");
    expect((await loadXls(Buffer.from("City\tMeals\nDenver\t74\n"), "export.xls")).markdown).toBe("| City | Meals |\n| --- | --- |\n| Denver | 74 |");
    const xlsx = await readFile(resolve(import.meta.dirname, "../../fixtures/loaders/travel-rates.xlsx"));
    expect((await loadXls(xlsx, "export.xls")).markdown).toContain("| Denver | 74 | 199 | 2024-01-01 | 3 |");
    // "Unicode Text" (UTF-16 with its byte order mark) and Windows-1252 text, as Windows tools save them.
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("City\tMeals\r\nZürich\t80\r\n", "utf16le")]);
    expect((await loadXls(utf16, "sap.xls")).markdown).toBe("| City | Meals |\n| --- | --- |\n| Zürich | 80 |");
    const ansi = Buffer.concat([Buffer.from("City\tMeals\r\nK"), Buffer.from([0xf8]), Buffer.from("benhavn\t90\r\n")]);
    expect((await loadXls(ansi, "ansi.xls")).markdown).toBe("| City | Meals |\n| --- | --- |\n| København | 90 |");
  });

  it("reads an Excel 2003 XML workbook saved as .xls: visible sheets, cells placed by their index, hidden rows and columns left out", async () => {
    const xml = [
      '<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">',
      '<Worksheet ss:Name="Rates"><Table><Column ss:Index="2" ss:Hidden="1"/>',
      '<Row><Cell><Data ss:Type="String">City</Data></Cell><Cell><Data ss:Type="String">Code</Data></Cell><Cell><Data ss:Type="String">Meals</Data></Cell><Cell><Data ss:Type="String">Updated</Data></Cell></Row>',
      '<Row ss:Hidden="1"><Cell><Data ss:Type="String">Draft</Data></Cell></Row>',
      '<Row><Cell><Data ss:Type="String">Denver</Data></Cell><Cell ss:Index="3"><Data ss:Type="Number">74.5</Data></Cell><Cell><Data ss:Type="DateTime">2024-03-01T00:00:00.000</Data></Cell></Row>',
      "</Table></Worksheet>",
      '<Worksheet ss:Name="Margins"><Table><Row><Cell><Data ss:Type="Boolean">1</Data></Cell></Row></Table><WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel"><Visible>SheetHidden</Visible></WorksheetOptions></Worksheet>',
      "</Workbook>",
    ].join("\n");
    const { title, markdown } = await loadXls(Buffer.from(xml), "report.xls");
    expect(title).toBe("report");
    expect(markdown).toBe("## Rates\n\n| City | Meals | Updated |\n| --- | --- | --- |\n| Denver | 74.5 | 2024-03-01 |");
  });
});
