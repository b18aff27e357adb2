import { markdownTable } from "../../shared/markdown-table.ts";
import { bodyText, headingText } from "./office-package.ts";

/**
 * A sheet of a workbook (Excel, LibreOffice Calc) as a section named after it, holding its cells as one Markdown
 * table whose first filled row is the header, so each answer names a cell by its column ("Denver, Lodging: 199").
 * Text boxes drawn on the sheet follow the table. Null for a sheet with nothing in it.
 */
export function sheetSection(name: string, rows: string[][], textBoxes: readonly string[] = []): string | null {
  // A title over the table ("Travel rates 2024, approved by the CFO") is a line of text, not the header.
  const caption = rows.length > 1 && filled(rows[0]!) === 1 && filled(rows[1]!) > 1 ? bodyText(rows.shift()!.join(" ").trim()) : "";
  const table = markdownTable(rows);
  const boxes = textBoxes.map(bodyText);
  return table || caption || boxes.length > 0 ? [`## ${headingText(name)}`, caption, table, ...boxes].filter(Boolean).join("\n\n") : null;
}

function filled(row: string[]): number {
  return row.filter((text) => text.trim()).length;
}
