import { fileTitle } from "../file-title.ts";
import type { Loader } from "../loaded-document.ts";
import { openOfficeDocument, related, xmlTokens, type XmlToken } from "./office-package.ts";
import { drawingParagraphs } from "./drawing-text.ts";
import { sheetSection } from "./sheet-section.ts";
import { type CellFormat, formatKind, numberText } from "./spreadsheet-numbers.ts";

/**
 * An Excel workbook: each visible sheet a section named after it, holding its cells as one Markdown table
 * whose first filled row is the header, so each answer names a cell by its column ("Denver, Lodging: 199").
 * Cells show what the sheet shows where it matters for a question: shared and inline text, formulas'
 * cached results, dates and times as such, percentages as percentages. Hidden sheets, rows and columns are left out.
 */
export const loadXlsx: Loader = async (bytes, fileName) => {
  const { pkg, xml: workbook, targets } = await openOfficeDocument(bytes, fileName, "XLSX", "xl/workbook.xml");
  const part = async (kind: string) => {
    const path = related(targets, kind);
    return (path ? await pkg.read(path) : null) ?? "";
  };
  const strings = sharedStrings(await part("sharedStrings"));
  const formats = cellFormats(await part("styles"));
  const date1904 = /<(?:\w+:)?workbookPr\b[^>]*\bdate1904="(?:1|true)"/.test(workbook);
  const sections: string[] = [];
  for (const token of xmlTokens(workbook)) {
    if (token.kind !== "open" || token.name !== "sheet" || (token.attributes.state ?? "visible") !== "visible") continue;
    const path = targets.get(token.attributes["r:id"] ?? "")?.target;
    const xml = path ? await pkg.read(path) : null;
    if (xml === null) continue;
    const drawing = related(await pkg.relationships(path!), "drawing");
    const boxes = drawing ? drawingParagraphs((await pkg.read(drawing)) ?? "") : [];
    const section = sheetSection(token.attributes.name ?? "Sheet", sheetRows(xml, strings, formats, date1904), boxes);
    if (section) sections.push(section);
  }
  return { title: fileTitle(fileName), url: null, markdown: sections.join("\n\n"), keywords: "" };
};

/** The shared string table, each `<si>` read as its text. */
function sharedStrings(xml: string): string[] {
  const strings: string[] = [];
  const reader = textReader();
  for (const token of xmlTokens(xml)) {
    if (token.kind === "open" && token.name === "si") reader.start();
    else if (token.kind === "close" && token.name === "si") strings.push(reader.text());
    else reader.read(token);
  }
  return strings;
}

/**
 * The text of a string item (`<si>`, a cell's `<is>`) or value (`<v>`): its runs joined, its phonetic guide
 * (`<rPh>`, a reading shown above Japanese text) left out, Excel's escapes of control characters read.
 */
function textReader() {
  let value: string | null = null;
  let inText = false;
  let inPhonetic = false;
  return {
    start() {
      value = "";
    },
    read(token: XmlToken) {
      if (token.kind === "text") {
        if (value !== null && inText && !inPhonetic) value += token.text;
      } else if (token.name === "t" || token.name === "v") inText = token.kind === "open";
      else if (token.name === "rPh") inPhonetic = token.kind === "open";
    },
    text(): string {
      // `_x000D_` is a carriage return; a literal "_x" is written `_x005F_x`.
      const text = (value ?? "").replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
      value = null;
      return text;
    },
  };
}

/** Each cell style's kind of number, by position (a cell's `s` attribute): built-in and custom formats. */
function cellFormats(xml: string): CellFormat[] {
  const custom = new Map<number, string>();
  const formats: CellFormat[] = [];
  let inCellStyles = false;
  for (const token of xmlTokens(xml)) {
    if (token.kind === "text") continue;
    if (token.name === "cellXfs") inCellStyles = token.kind === "open";
    else if (token.kind !== "open") continue;
    else if (token.name === "numFmt") custom.set(Number(token.attributes.numFmtId), token.attributes.formatCode ?? "");
    else if (token.name === "xf" && inCellStyles) formats.push(formatKind(Number(token.attributes.numFmtId ?? 0), custom));
  }
  return formats;
}

/** The sheet's rows as text cells in column order; rows and columns with nothing in them are left out. */
function sheetRows(xml: string, strings: string[], formats: CellFormat[], date1904: boolean): string[][] {
  const rows: Map<number, string>[] = [];
  let row: Map<number, string> | null = null;
  let cell: { column: number; type: string; style: number } | null = null;
  let nextColumn = 0;
  const hiddenColumns = new Set<number>();
  const reader = textReader();
  for (const token of xmlTokens(xml)) {
    if (token.kind === "open" && token.name === "row") {
      row = new Map();
      nextColumn = 0;
      // A hidden row is still read (its cells come inside it) but not kept.
      if (!isTrue(token.attributes.hidden)) rows.push(row);
    } else if (token.kind === "open" && token.name === "col" && isTrue(token.attributes.hidden)) {
      const [first, last] = [Number(token.attributes.min), Number(token.attributes.max)];
      for (let column = first - 1; column < Math.min(last, first + 16_384); column++) hiddenColumns.add(column);
    } else if (token.kind === "open" && token.name === "c" && row) {
      const column = columnIndex(token.attributes.r) ?? nextColumn;
      nextColumn = column + 1;
      cell = { column, type: token.attributes.t ?? "n", style: Number(token.attributes.s ?? 0) };
      reader.start();
    } else if (token.kind === "close" && token.name === "c" && cell && row) {
      const text = cellText(reader.text(), cell, strings, formats, date1904);
      if (text.trim()) row.set(cell.column, text);
      cell = null;
    } else if (cell) reader.read(token);
  }
  const used = rows.filter((cells) => cells.size > 0);
  const columns = [...new Set(used.flatMap((cells) => [...cells.keys()]))].filter((column) => !hiddenColumns.has(column)).sort((a, b) => a - b);
  return used.map((cells) => columns.map((column) => cells.get(column) ?? "")).filter((cells) => cells.some((text) => text.trim()));
}

function isTrue(value: string | undefined): boolean {
  return value === "1" || value === "true";
}

/** "C12" → 2; null when the reference is missing (cells may leave it out and follow on from the last). */
function columnIndex(reference: string | undefined): number | null {
  const letters = /^([A-Z]+)\d*$/i.exec(reference ?? "")?.[1];
  if (!letters) return null;
  return [...letters.toUpperCase()].reduce((index, letter) => index * 26 + letter.charCodeAt(0) - 64, 0) - 1;
}

function cellText(value: string, cell: { type: string; style: number }, strings: string[], formats: CellFormat[], date1904: boolean): string {
  if (cell.type === "s") return strings[Number(value)] ?? "";
  if (cell.type === "b") return value === "1" ? "TRUE" : "FALSE";
  if (cell.type !== "n") return value; // inlineStr, str (a formula's text), e (an error such as #N/A)
  const number = Number(value);
  if (value === "" || !Number.isFinite(number)) return value;
  return numberText(number, formats[cell.style] ?? "number", date1904);
}
