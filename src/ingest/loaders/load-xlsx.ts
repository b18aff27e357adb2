import { fileTitle } from "../file-title.ts";
import type { Loader } from "../loaded-document.ts";
import { markdownTable, openOfficePackage, xmlTokens } from "./office-package.ts";

/**
 * An Excel workbook: each visible sheet a section named after it, holding its cells as one Markdown table
 * whose first filled row is the header, so each answer names a cell by its column ("Denver, Lodging: 199").
 * Cells show what the sheet shows where it matters for a question: shared and inline text, formulas'
 * cached results, dates as dates, percentages as percentages.
 */
export const loadXlsx: Loader = async (bytes, fileName) => {
  const pkg = await openOfficePackage(bytes, fileName, "XLSX");
  const workbook = await pkg.read("xl/workbook.xml");
  if (workbook === null) throw new Error(`could not read XLSX ${fileName}: it has no xl/workbook.xml`);
  const targets = await pkg.relationships("xl/workbook.xml");
  const strings = sharedStrings((await pkg.read("xl/sharedStrings.xml")) ?? "");
  const formats = cellFormats((await pkg.read("xl/styles.xml")) ?? "");
  const date1904 = /<(?:\w+:)?workbookPr\b[^>]*\bdate1904="(?:1|true)"/.test(workbook);
  const sections: string[] = [];
  for (const token of xmlTokens(workbook)) {
    if (token.kind !== "open" || token.name.replace(/^\w+:/, "") !== "sheet" || (token.attributes.state ?? "visible") !== "visible") continue;
    const path = targets.get(token.attributes["r:id"] ?? "")?.target;
    const xml = path ? await pkg.read(path) : null;
    if (xml === null) continue;
    const table = markdownTable(sheetRows(xml, strings, formats, date1904));
    if (table) sections.push(`## ${token.attributes.name ?? "Sheet"}\n\n${table}`);
  }
  return { title: fileTitle(fileName), url: null, markdown: sections.join("\n\n"), keywords: "" };
};

/** The shared string table: each `<si>`'s text runs joined, its phonetic guides (`<rPh>`) left out. */
function sharedStrings(xml: string): string[] {
  const strings: string[] = [];
  let current: string | null = null;
  let inText = false;
  let inPhonetic = false;
  for (const token of xmlTokens(xml)) {
    const name = token.kind === "text" ? "" : token.name.replace(/^\w+:/, "");
    if (token.kind === "text") {
      if (current !== null && inText && !inPhonetic) current += token.text;
    } else if (token.kind === "open") {
      if (name === "si" && token.selfClosing) strings.push("");
      else if (name === "si") current = "";
      else if (name === "t" && !token.selfClosing) inText = true;
      else if (name === "rPh" && !token.selfClosing) inPhonetic = true;
    } else if (name === "t") inText = false;
    else if (name === "rPh") inPhonetic = false;
    else if (name === "si" && current !== null) {
      strings.push(unescapeOoxml(current));
      current = null;
    }
  }
  return strings;
}

type CellFormat = "date" | "percent" | "number";

/** Each cell style's kind of number, by position (a cell's `s` attribute): built-in and custom date formats. */
function cellFormats(xml: string): CellFormat[] {
  const custom = new Map<number, string>();
  const formats: CellFormat[] = [];
  let inCellStyles = false;
  for (const token of xmlTokens(xml)) {
    if (token.kind === "text") continue;
    const name = token.name.replace(/^\w+:/, "");
    if (token.kind === "close") {
      if (name === "cellXfs") inCellStyles = false;
      continue;
    }
    if (name === "numFmt") custom.set(Number(token.attributes.numFmtId), token.attributes.formatCode ?? "");
    else if (name === "cellXfs") inCellStyles = !token.selfClosing;
    else if (name === "xf" && inCellStyles) formats.push(formatKind(Number(token.attributes.numFmtId ?? 0), custom));
  }
  return formats;
}

function formatKind(id: number, custom: Map<number, string>): CellFormat {
  if ((id >= 14 && id <= 17) || id === 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58)) return "date";
  if (id === 9 || id === 10) return "percent";
  // A custom format is a date when it has day, month or year codes outside quotes and brackets ("yyyy-mm-dd").
  const code = (custom.get(id) ?? "").replace(/"[^"]*"|\[[^\]]*\]|\\./g, "");
  if (/[dy]/i.test(code) || /m{3,}/i.test(code)) return "date";
  if (code.includes("%")) return "percent";
  return "number";
}

/** The sheet's rows as text cells in column order; rows and columns with nothing in them are left out. */
function sheetRows(xml: string, strings: string[], formats: CellFormat[], date1904: boolean): string[][] {
  const rows: Map<number, string>[] = [];
  let row: Map<number, string> | null = null;
  let cell: { column: number; type: string; style: number; value: string } | null = null;
  let inValue = false;
  let nextColumn = 0;
  for (const token of xmlTokens(xml)) {
    if (token.kind === "text") {
      if (cell && inValue) cell.value += token.text;
      continue;
    }
    const name = token.name.replace(/^\w+:/, "");
    if (token.kind === "open") {
      if (name === "row") {
        row = new Map();
        nextColumn = 0;
        if (!token.selfClosing) rows.push(row);
      } else if (name === "c" && row) {
        const column = columnIndex(token.attributes.r) ?? nextColumn;
        nextColumn = column + 1;
        cell = token.selfClosing ? null : { column, type: token.attributes.t ?? "n", style: Number(token.attributes.s ?? 0), value: "" };
      } else if ((name === "v" || name === "t") && cell && !token.selfClosing) inValue = true;
      continue;
    }
    if (name === "v" || name === "t") inValue = false;
    else if (name === "c" && cell && row) {
      const text = cellText(cell, strings, formats, date1904);
      if (text.trim()) row.set(cell.column, text);
      cell = null;
    }
  }
  const filled = rows.filter((cells) => cells.size > 0);
  const columns = [...new Set(filled.flatMap((cells) => [...cells.keys()]))].sort((a, b) => a - b);
  return filled.map((cells) => columns.map((column) => cells.get(column) ?? ""));
}

/** "C12" → 2; null when the reference is missing (cells may leave it out and follow on from the last). */
function columnIndex(reference: string | undefined): number | null {
  const letters = /^([A-Z]+)\d*$/i.exec(reference ?? "")?.[1];
  if (!letters) return null;
  return [...letters.toUpperCase()].reduce((index, letter) => index * 26 + letter.charCodeAt(0) - 64, 0) - 1;
}

/** Excel writes control characters in text as `_x000D_` (and a literal `_x` as `_x005F_x`). */
function unescapeOoxml(text: string): string {
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

function cellText(cell: { type: string; style: number; value: string }, strings: string[], formats: CellFormat[], date1904: boolean): string {
  if (cell.type === "s") return strings[Number(cell.value)] ?? "";
  if (cell.type === "b") return cell.value === "1" ? "TRUE" : "FALSE";
  if (cell.type !== "n") return unescapeOoxml(cell.value); // inlineStr, str (a formula's text), e (an error such as #N/A)
  const number = Number(cell.value);
  if (cell.value === "" || !Number.isFinite(number)) return cell.value;
  const format = formats[cell.style] ?? "number";
  if (format === "date") return serialDate(number, date1904);
  if (format === "percent") return `${Number((number * 100).toPrecision(12))}%`;
  // Binary floating point shows 0.1 + 0.2 as 0.30000000000000004; twelve digits are more than a sheet shows.
  return String(Number(number.toPrecision(12)));
}

/** Excel's day count (from 1899-12-30, or 1904-01-01) as an ISO date, with the time when it has one. */
function serialDate(serial: number, date1904: boolean): string {
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  const iso = new Date(epoch + Math.round(serial * 86_400_000)).toISOString();
  return Number.isInteger(serial) ? iso.slice(0, 10) : iso.slice(0, 16).replace("T", " ");
}
