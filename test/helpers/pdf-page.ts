import type { PdfLine } from "../../src/ingest/loaders/pdf-page-lines.ts";

export interface LineSpec {
  text: string;
  /** 11 unless given. */
  size?: number;
  bold?: boolean;
  /** Baseline from the bottom of the page; unless given, one line (1.3 × size) below the previous one. */
  y?: number;
  /** Extra space above the line, as before a paragraph or a heading. */
  gap?: number;
}

/**
 * A page's lines as pdfPageLines would give them, laid out top-down the way the PDF fixtures are:
 * plain strings are 11 pt body lines one after another.
 */
export function pdfPage(...specs: Array<string | LineSpec>): PdfLine[] {
  let y = 740;
  return specs.map((entry) => {
    const spec = typeof entry === "string" ? { text: entry } : entry;
    const size = spec.size ?? 11;
    y = spec.y ?? y - size * 1.3 - (spec.gap ?? 0);
    return { text: spec.text, size, y, x: 72, bold: spec.bold ?? false };
  });
}
