import { fileTitle } from "../file-title.ts";
import type { Loader } from "../loaded-document.ts";
import { repeatOf } from "./odf-text.ts";
import { openZipPackage, xmlTokens } from "./office-package.ts";
import { sheetSection } from "./sheet-section.ts";

// Calc writes "the rest of the sheet" as one cell or row repeated to its edge (16384 columns, a million rows).
// Repeats are capped: trailing empty cells are dropped anyway, and a filled row copied that often is a fill.
const MAX_REPEATED_CELLS = 1024;
const MAX_REPEATED_ROWS = 100;

/**
 * A LibreOffice Calc spreadsheet (`.ods`), read like an Excel workbook: each visible sheet a section named
 * after it, holding one table whose first filled row is the header. Calc stores each cell's text as it shows
 * it (dates, currencies, percentages formatted), so that text is what is read; comments are left out.
 */
export const loadOds: Loader = async (bytes, fileName) => {
  const pkg = await openZipPackage(bytes, fileName, "ODS");
  const content = await pkg.read("content.xml");
  if (content === null) throw new Error(`could not read ODS ${fileName}: it has no content.xml`);
  const sections: string[] = [];
  const hiddenStyles = new Set<string>();
  let styleName: string | null = null;
  // The sheet being read; `depth` counts tables nested in its cells, whose text reads into the cell.
  let sheet: Sheet | null = null;
  let paragraph: string | null = null;
  let skipping = 0;
  for (const token of xmlTokens(content)) {
    if (skipping > 0) {
      if (token.kind === "open") skipping++;
      else if (token.kind === "close") skipping--;
      continue;
    }
    if (token.kind === "text") {
      if (paragraph !== null) paragraph += token.text;
      continue;
    }
    const { name } = token;
    if (token.kind === "open") {
      const attribute = (key: string) => token.attributes[key] ?? "";
      // Comments, rows hidden or filtered out, and what a merged-away cell still holds are not shown.
      if (name === "annotation" || (name === "table-row" && /^(?:collapse|filter)$/.test(attribute("table:visibility")))) skipping = 1;
      else if (sheet && name === "covered-table-cell") {
        addCells(sheet, "", repeatOf(attribute("table:number-columns-repeated")));
        skipping = 1;
      } else if (name === "style") styleName = attribute("style:name");
      // A hidden sheet's table style says `table:display="false"`.
      else if (name === "table-properties" && styleName && attribute("table:display") === "false") hiddenStyles.add(styleName);
      else if (name === "table" && sheet) sheet.depth++;
      else if (name === "table") {
        const name = attribute("table:name") || "Sheet";
        sheet = {
          name,
          visible: !hiddenStyles.has(attribute("table:style-name")),
          rows: [],
          rowRepeat: 1,
          cell: null,
          cellRepeat: 1,
          depth: 0,
          hiddenColumns: new Set(),
          columns: 0,
          emptyRun: 0,
          column: 0,
        };
      } else if (sheet && name === "table-column") {
        const count = repeatOf(attribute("table:number-columns-repeated"));
        if (attribute("table:visibility") === "collapse" || attribute("table:visibility") === "filter") {
          for (let c = sheet.columns; c < sheet.columns + Math.min(count, MAX_REPEATED_CELLS); c++) sheet.hiddenColumns.add(c);
        }
        sheet.columns += count;
      } else if (sheet && name === "table-row") {
        sheet.rows.push([]);
        sheet.rowRepeat = repeatOf(attribute("table:number-rows-repeated"));
        sheet.column = 0;
        sheet.emptyRun = 0;
      } else if (sheet && name === "table-cell") {
        sheet.cell = [];
        sheet.cellRepeat = repeatOf(attribute("table:number-columns-repeated"));
      } else if (sheet?.cell && name === "p") paragraph = "";
      else if (paragraph !== null && name === "s") paragraph += " ";
      else if (paragraph !== null && (name === "tab" || name === "line-break")) paragraph += " ";
      continue;
    }
    if (name === "style") styleName = null;
    else if (name === "p" && paragraph !== null && sheet?.cell) {
      sheet.cell.push(paragraph.replace(/\s+/g, " ").trim());
      paragraph = null;
    } else if (sheet && name === "table-cell" && sheet.cell) {
      addCells(sheet, sheet.cell.filter(Boolean).join(" "), sheet.cellRepeat);
      sheet.cell = null;
    } else if (sheet && name === "table-row") {
      // An empty row is not copied to the sheet's edge (markdownTable drops empty rows anyway).
      const row = sheet.rows.at(-1) ?? [];
      const copies = row.some(Boolean) ? Math.min(sheet.rowRepeat, MAX_REPEATED_ROWS) : 1;
      for (let i = 1; i < copies; i++) sheet.rows.push(row);
    } else if (sheet && name === "table" && sheet.depth > 0) sheet.depth--;
    else if (sheet && name === "table") {
      const section = sheet.visible ? sheetSection(sheet.name, sheet.rows) : null;
      if (section) sections.push(section);
      sheet = null;
    }
  }
  return { title: fileTitle(fileName), url: null, markdown: sections.join("\n\n"), keywords: "" };
};

interface Sheet {
  name: string;
  visible: boolean;
  rows: string[][];
  rowRepeat: number;
  /** The cell being read, and how often it repeats. */
  cell: string[] | null;
  cellRepeat: number;
  /** Tables nested in its cells, whose text reads into the cell. */
  depth: number;
  /** Hidden or filtered-out columns, by index, and how many columns were declared. */
  hiddenColumns: Set<number>;
  columns: number;
  /** Where the next cell of the row goes, and how many empty cells wait for a filled one to their right. */
  column: number;
  emptyRun: number;
}

/**
 * Adds a cell (repeated) to the row being read, leaving out hidden columns. Empty cells are added only once a
 * filled one follows: Calc ends every row with an empty cell repeated to the sheet's edge.
 */
function addCells(sheet: Sheet, text: string, count: number): void {
  const row = sheet.rows.at(-1);
  if (!row) return;
  if (!text) {
    sheet.emptyRun += count;
    sheet.column += count;
    return;
  }
  const empties = Math.min(sheet.emptyRun, MAX_REPEATED_CELLS);
  for (let c = sheet.column - sheet.emptyRun; c < sheet.column - sheet.emptyRun + empties; c++) if (!sheet.hiddenColumns.has(c)) row.push("");
  sheet.emptyRun = 0;
  for (let c = sheet.column; c < sheet.column + Math.min(count, MAX_REPEATED_CELLS); c++) if (!sheet.hiddenColumns.has(c)) row.push(text);
  sheet.column += count;
}
