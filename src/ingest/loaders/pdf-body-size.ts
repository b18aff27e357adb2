import type { PdfLine } from "./pdf-page-lines.ts";

/** How much larger than the body a line must be to be a heading: 15% sets 11 pt apart from 12.65 pt and up. */
export const HEADING_SIZE_RATIO = 1.15;

/** The font size covering the most characters: the body text's. Lines must not be empty. */
export function pdfBodySize(lines: readonly PdfLine[]): number {
  const characters = new Map<number, number>();
  for (const line of lines) characters.set(line.size, (characters.get(line.size) ?? 0) + line.text.length);
  return [...characters].reduce((best, entry) => (entry[1] > best[1] ? entry : best))[0];
}
