import { xmlTokens } from "./office-package.ts";

interface Sheet {
  name: string;
  rows: Map<number, Map<number, string>>;
  hiddenColumns: Set<number>;
  hidden: boolean;
}

/**
 * The visible worksheets of an Excel 2003 XML workbook (SpreadsheetML, which reporting tools still export
 * under `.xls`): each sheet's name and its rows of cell text, cells placed by their `ss:Index`, hidden
 * sheets, rows and columns left out.
 */
export function spreadsheetMlSheets(xml: string): { name: string; rows: string[][] }[] {
  const sheets: Sheet[] = [];
  let sheet: Sheet | null = null;
  let row = -1;
  let rowHidden = false;
  let column = -1;
  let nextColumn = 0;
  let cell: { type: string; text: string; at: number } | null = null;
  let reading: "data" | "visibility" | null = null;
  let visibility = "";
  for (const token of xmlTokens(xml)) {
    if (token.kind === "text") {
      if (reading === "data" && cell) cell.text += token.text;
      else if (reading === "visibility") visibility += token.text;
      continue;
    }
    if (token.kind === "close") {
      if (token.name === "Data" || token.name === "Visible") {
        if (token.name === "Visible" && sheet && /SheetHidden|SheetVeryHidden/.test(visibility)) sheet.hidden = true;
        reading = null;
      } else if (token.name === "Cell" && cell && sheet && !rowHidden) {
        const text = cellText(cell.type, cell.text);
        if (text.trim()) {
          let cells = sheet.rows.get(row);
          if (!cells) sheet.rows.set(row, (cells = new Map()));
          cells.set(cell.at, text);
        }
        cell = null;
      }
      continue;
    }
    const attribute = (name: string) => token.attributes[`ss:${name}`] ?? token.attributes[name];
    const index = Number(attribute("Index") ?? Number.NaN) - 1;
    if (token.name === "Worksheet") {
      sheet = { name: attribute("Name") ?? `Sheet${sheets.length + 1}`, rows: new Map(), hiddenColumns: new Set(), hidden: false };
      sheets.push(sheet);
      [row, nextColumn] = [-1, 0];
    } else if (token.name === "Column" && sheet) {
      const first = Number.isNaN(index) ? nextColumn : index;
      const span = Math.min(Number(attribute("Span") ?? 0) || 0, 255);
      if (attribute("Hidden") === "1") for (let hidden = first; hidden <= first + span; hidden++) sheet.hiddenColumns.add(hidden);
      nextColumn = first + span + 1;
    } else if (token.name === "Row" && sheet) {
      row = Number.isNaN(index) ? row + 1 : index;
      rowHidden = attribute("Hidden") === "1";
      column = -1;
    } else if (token.name === "Cell" && row >= 0) {
      const at = Number.isNaN(index) ? column + 1 : index;
      // A cell merged across columns takes their places too.
      column = at + (Number(attribute("MergeAcross") ?? 0) || 0);
      cell = { type: "String", text: "", at };
    } else if (token.name === "Data" && cell) {
      cell.type = attribute("Type") ?? "String";
      reading = "data";
    } else if (token.name === "Visible") {
      visibility = "";
      reading = "visibility";
    }
  }
  return sheets
    .filter((found) => !found.hidden)
    .map((found) => {
      const used = [...found.rows.entries()].sort(([a], [b]) => a - b);
      const columns = [...new Set(used.flatMap(([, cells]) => [...cells.keys()]))].filter((at) => !found.hiddenColumns.has(at)).sort((a, b) => a - b);
      return { name: found.name, rows: used.map(([, cells]) => columns.map((at) => cells.get(at) ?? "")).filter((cells) => cells.some((text) => text.trim())) };
    });
}

function cellText(type: string, text: string): string {
  if (type === "Boolean") return text.trim() === "1" ? "TRUE" : "FALSE";
  // "2024-03-01T00:00:00.000" is a date; a time of day is kept.
  if (type === "DateTime")
    return text
      .replace(/T00:00:00(?:\.0+)?$/, "")
      .replace(/(T\d\d:\d\d):00(?:\.0+)?$/, "$1")
      .replace("T", " ");
  if (type === "Number") {
    const number = Number(text);
    return Number.isFinite(number) ? String(Number(number.toPrecision(15))) : text;
  }
  return text;
}
