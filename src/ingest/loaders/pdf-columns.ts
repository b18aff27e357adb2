import type { PdfLine } from "./pdf-page-lines.ts";

/** How far above the line before (in font sizes) a line must start to open the next column. */
const COLUMN_JUMP = 5;

/**
 * A line well above the one before it on the page starts the next column (or the text goes on after a note
 * at a column's foot). A table's next cell, drawn a row or two higher, does not.
 */
export function startsNextColumn(above: PdfLine, below: PdfLine): boolean {
  return below.y - above.y > below.size * COLUMN_JUMP;
}
