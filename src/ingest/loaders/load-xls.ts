import CFB from "cfb";
import { fileTitle } from "../file-title.ts";
import type { Loader } from "../loaded-document.ts";
import { BiffStringReader, biffRecords } from "./biff-records.ts";
import { decodeText, hasByteOrderMark } from "./decode-text.ts";
import { isCompoundFile } from "./office-package.ts";
import { sheetSection } from "./sheet-section.ts";
import { spreadsheetMlSheets } from "./spreadsheet-ml.ts";
import { type CellFormat, formatKind, numberText } from "./spreadsheet-numbers.ts";

const RECORD = {
  BOF: 0x0809,
  EOF: 0x000a,
  FILEPASS: 0x002f,
  DATEMODE: 0x0022,
  FORMAT: 0x041e,
  XF: 0x00e0,
  BOUNDSHEET: 0x0085,
  SST: 0x00fc,
  ROW: 0x0208,
  COLINFO: 0x007d,
  LABELSST: 0x00fd,
  LABEL: 0x0204,
  RSTRING: 0x00d6,
  NUMBER: 0x0203,
  RK: 0x027e,
  MULRK: 0x00bd,
  FORMULA: 0x0006,
  STRING: 0x0207,
  BOOLERR: 0x0205,
};
const ZIP = Buffer.from("504b0304", "hex");
const ERRORS: Record<number, string> = { 0: "#NULL!", 7: "#DIV/0!", 15: "#VALUE!", 23: "#REF!", 29: "#NAME?", 36: "#NUM!", 42: "#N/A" };

interface Workbook {
  strings: string[];
  formats: CellFormat[];
  date1904: boolean;
  sheets: { name: string; offset: number }[];
}

/**
 * An Excel 97–2003 workbook (`.xls`), read like an XLSX: each visible worksheet a section holding one table,
 * cells as Excel shows them (shared text, formulas' last results, dates, percentages), hidden rows and
 * columns left out. Charts and pictures are not read.
 */
export const loadXls: Loader = async (bytes, fileName) => {
  const fail = (reason: string) => new Error(`could not read XLS ${fileName}: ${reason}`);
  if (!isCompoundFile(bytes)) {
    // Excel 2 to 4 wrote the workbook's records bare, opening with their BOF record.
    if (bytes.length >= 2 && [0x0009, 0x0209, 0x0409].includes(bytes.readUInt16LE(0))) throw fail("it is an Excel 4 or older workbook; save it as XLSX");
    const misnamed = await misnamedSpreadsheetLoader(bytes);
    if (misnamed) return misnamed(bytes, fileName);
  }
  let stream: Buffer;
  try {
    const entry = CFB.find(CFB.read(bytes, { type: "buffer" }), "Workbook") ?? null;
    if (!entry) throw new Error("it holds no Excel 97–2003 workbook (an Excel 5 or older file? save it as XLSX)");
    stream = Buffer.from(entry.content as Uint8Array);
  } catch (error) {
    throw fail(error instanceof Error ? error.message : String(error));
  }
  const workbook = readGlobals(stream, fail);
  const sections: string[] = [];
  for (const sheet of workbook.sheets) {
    const section = sheetSection(sheet.name, sheetRows(stream.subarray(sheet.offset), workbook));
    if (section) sections.push(section);
  }
  return { title: fileTitle(fileName), url: null, markdown: sections.join("\n\n"), keywords: "" };
};

/**
 * Web applications' "Excel" exports are often an HTML table, tab-separated text (UTF-16 or 8-bit), an Excel
 * 2003 XML workbook or an XLSX under the `.xls` name, and Excel opens them all: so does Docent. Null for
 * anything else.
 */
async function misnamedSpreadsheetLoader(bytes: Buffer): Promise<Loader | null> {
  if (bytes.subarray(0, 4).equals(ZIP)) return (await import("./load-xlsx.ts")).loadXlsx;
  // Text: UTF-16 ("Unicode Text", as SAP exports it) has a byte order mark; otherwise no NUL bytes.
  const text = hasByteOrderMark(bytes) || !bytes.subarray(0, 4096).includes(0) ? decodeText(bytes.subarray(0, 8192)) : "";
  if (/<Workbook\b[^>]*urn:schemas-microsoft-com:office:spreadsheet/.test(text)) return loadSpreadsheetMl;
  if (/<(?:html|table)\b/i.test(text)) return (await import("./load-html.ts")).loadHtml;
  const header = text.split("\n", 1)[0] ?? "";
  if (!/[\t,;]/.test(header)) return null;
  const loadCsv = (await import("./load-csv.ts")).loadCsv;
  // The CSV loader tells tab-separated text by its extension.
  return (file, fileName) => loadCsv(file, header.includes("\t") ? `${fileName}.tsv` : fileName);
}

const loadSpreadsheetMl: Loader = async (bytes, fileName) => {
  const sheets = spreadsheetMlSheets(decodeText(bytes)).flatMap((sheet) => sheetSection(sheet.name, sheet.rows) ?? []);
  return { title: fileTitle(fileName), url: null, markdown: sheets.join("\n\n"), keywords: "" };
};

/** The workbook's shared strings, number formats, date system and visible worksheets. */
function readGlobals(stream: Buffer, fail: (reason: string) => Error): Workbook {
  const workbook: Workbook = { strings: [], formats: [], date1904: false, sheets: [] };
  const customFormats = new Map<number, string>();
  for (const record of biffRecords(stream)) {
    const { type, data } = record;
    if (type === RECORD.EOF) break;
    if (type === RECORD.BOF && data.length >= 2 && data.readUInt16LE(0) !== 0x0600) throw fail("it is an Excel 5 or older workbook; save it as XLSX");
    if (type === RECORD.FILEPASS) throw fail("it is password-protected");
    if (type === RECORD.DATEMODE && data.length >= 2) workbook.date1904 = data.readUInt16LE(0) === 1;
    if (type === RECORD.FORMAT && data.length >= 2) customFormats.set(data.readUInt16LE(0), new BiffStringReader(record.parts, 2).string());
    if (type === RECORD.XF && data.length >= 4) workbook.formats.push(formatKind(data.readUInt16LE(2), customFormats));
    // A visible worksheet; hidden sheets, charts, macro sheets and code modules are not read.
    if (type === RECORD.BOUNDSHEET && data.length >= 8 && (data[4]! & 0x03) === 0 && data[5] === 0) {
      const offset = data.readUInt32LE(0);
      // Two entries pointing at one sheet are one sheet (read once, however many a broken file lists).
      if (offset < stream.length && !workbook.sheets.some((sheet) => sheet.offset === offset)) {
        workbook.sheets.push({ name: new BiffStringReader(record.parts, 6).string(1), offset });
      }
    }
    if (type === RECORD.SST && data.length >= 8) {
      const reader = new BiffStringReader(record.parts, 8);
      for (let left = data.readUInt32LE(4); left > 0 && !reader.done; left--) workbook.strings.push(reader.string(2, true));
    }
  }
  return workbook;
}

/** A worksheet's cells as text rows, from its BOF to its EOF (a chart embedded in it has its own BOF and EOF). */
function sheetRows(stream: Buffer, workbook: Workbook): string[][] {
  const cells = new Map<number, Map<number, string>>();
  const hiddenRows = new Set<number>();
  const hiddenColumns = new Set<number>();
  let depth = 0;
  let formulaCell: { row: number; column: number } | null = null;
  const put = (row: number, column: number, text: string) => {
    if (!text.trim()) return;
    let cellsOfRow = cells.get(row);
    if (!cellsOfRow) cells.set(row, (cellsOfRow = new Map()));
    cellsOfRow.set(column, text);
  };
  const number = (value: number, style: number) => numberText(value, workbook.formats[style] ?? "number", workbook.date1904);
  for (const record of biffRecords(stream)) {
    const { type, data } = record;
    if (type === RECORD.BOF) depth++;
    else if (type === RECORD.EOF && --depth === 0) break;
    if (depth !== 1) continue;
    // A formula's text comes in a record of its own, as short as four bytes ("No"); cell records hold 6 or more.
    if (type === RECORD.STRING) {
      if (formulaCell) put(formulaCell.row, formulaCell.column, new BiffStringReader(record.parts).string());
      formulaCell = null;
      continue;
    }
    if (data.length < 6) continue;
    const row = data.readUInt16LE(0);
    const column = data.readUInt16LE(2);
    const style = data.readUInt16LE(4);
    if (type === RECORD.LABELSST && data.length >= 10) put(row, column, workbook.strings[data.readUInt32LE(6)] ?? "");
    else if (type === RECORD.LABEL || type === RECORD.RSTRING) put(row, column, new BiffStringReader(record.parts, 6).string());
    else if (type === RECORD.NUMBER && data.length >= 14) put(row, column, number(data.readDoubleLE(6), style));
    else if (type === RECORD.RK && data.length >= 10) put(row, column, number(rkNumber(data.readInt32LE(6)), style));
    else if (type === RECORD.MULRK) {
      for (let at = 4; at + 6 <= data.length - 2; at += 6) put(row, column + (at - 4) / 6, number(rkNumber(data.readInt32LE(at + 2)), data.readUInt16LE(at)));
    } else if (type === RECORD.FORMULA && data.length >= 14) {
      formulaCell = null;
      if (data.readUInt16LE(12) !== 0xffff) put(row, column, number(data.readDoubleLE(6), style));
      else if (data[6] === 0)
        formulaCell = { row, column }; // its text follows in a STRING record
      else if (data[6] === 1) put(row, column, data[8] ? "TRUE" : "FALSE");
      else if (data[6] === 2) put(row, column, ERRORS[data[8]!] ?? "#ERROR");
    } else if (type === RECORD.BOOLERR && data.length >= 8) put(row, column, data[7] ? (ERRORS[data[6]!] ?? "#ERROR") : data[6] ? "TRUE" : "FALSE");
    else if (type === RECORD.ROW && data.length >= 14 && data.readUInt16LE(12) & 0x20) hiddenRows.add(row);
    else if (type === RECORD.COLINFO && data.length >= 10 && data.readUInt16LE(8) & 0x01) {
      const [first, last] = [data.readUInt16LE(0), data.readUInt16LE(2)];
      for (let hidden = first; hidden <= Math.min(last, 255); hidden++) hiddenColumns.add(hidden);
    }
  }
  const used = [...cells.entries()].filter(([row]) => !hiddenRows.has(row)).sort(([a], [b]) => a - b);
  const columns = [...new Set(used.flatMap(([, cellsOfRow]) => [...cellsOfRow.keys()]))].filter((column) => !hiddenColumns.has(column)).sort((a, b) => a - b);
  return used.map(([, cellsOfRow]) => columns.map((column) => cellsOfRow.get(column) ?? "")).filter((row) => row.some((text) => text.trim()));
}

/** An RK value: a 30-bit integer or the top of a double, either possibly a hundredth of what is stored. */
function rkNumber(rk: number): number {
  let value: number;
  if (rk & 0x02) value = rk >> 2;
  else {
    const bytes = Buffer.alloc(8);
    bytes.writeInt32LE(rk & ~0x03, 4);
    value = bytes.readDoubleLE(0);
  }
  return rk & 0x01 ? value / 100 : value;
}
