import type { PdfLine } from "./pdf-page-lines.ts";

/** Notes are set smaller than the body: 8 pt under 9 or 10 pt text. */
const NOTE_SIZE_RATIO = 0.92;
/** A footnote opens with its mark: "1 See…", "∗Supported by…", "† Now at…". */
export const NOTE_OPENING = /^(?:\d{1,2}|[∗*†‡§¶])\s?\p{L}/u;
/** A longer run of small lines is a table, a listing or the references, not a note. */
const MAX_NOTE_LINES = 12;

/**
 * Takes out the notes set at the foot of a page or column: footnotes, and the copyright and affiliation
 * blocks of a paper's first page. A PDF draws them where they stand on the page, which in reading order is
 * the middle of the text: they would cut a sentence that runs on into the next column or page, and open
 * passages with "Permission to make digital copies…". A note is a short run of lines smaller than the body,
 * in the lower half of the page, after which the text goes on higher up (in the next column), or which ends
 * the page and opens with a footnote's mark. A caption under a figure with the text going on below it stays
 * where it is; one at the foot of a column moves with the notes, as small print at a page's end that opens
 * with a number does.
 */
export function setAsideNotes(pages: readonly PdfLine[][], body: number): { pages: PdfLine[][]; notes: PdfLine[][] } {
  const notes: PdfLine[][] = [];
  const kept = pages.map((lines) => {
    if (lines.length === 0) return [];
    const top = Math.max(...lines.map((line) => line.y));
    const bottom = Math.min(...lines.map((line) => line.y));
    const middle = (top + bottom) / 2;
    const out: PdfLine[] = [];
    for (let i = 0; i < lines.length; ) {
      let end = i;
      while (end < lines.length && lines[end]!.size <= body * NOTE_SIZE_RATIO) end++;
      const run = lines.slice(i, end);
      const after = lines[end];
      const note =
        run.length > 0 &&
        run.length <= MAX_NOTE_LINES &&
        isProse(run) &&
        i > 0 &&
        run[0]!.y < middle &&
        // Any way up: a paper's copyright block at the left column's foot is drawn between two lines of the right one.
        (after === undefined ? NOTE_OPENING.test(run[0]!.text) : after.y > run.at(-1)!.y);
      if (note) notes.push(run);
      else out.push(...run);
      if (end < lines.length) out.push(lines[end]!);
      i = end + 1;
    }
    return out;
  });
  return { pages: kept, notes };
}

/** A formula's small pieces (a sum's limits, subscripts set on lines of their own) are no note. */
function isProse(run: readonly PdfLine[]): boolean {
  return run.flatMap((line) => line.text.match(/\p{L}{2,}/gu) ?? []).length >= 3;
}
