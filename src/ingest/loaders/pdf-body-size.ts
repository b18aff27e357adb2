import type { PdfLine } from "./pdf-page-lines.ts";

/** The font size covering the most characters: the body text's. Lines must not be empty. */
export function pdfBodySize(lines: readonly PdfLine[]): number {
  const characters = new Map<number, number>();
  for (const line of lines) characters.set(line.size, (characters.get(line.size) ?? 0) + line.text.length);
  return [...characters].reduce((best, entry) => (entry[1] > best[1] ? entry : best))[0];
}
