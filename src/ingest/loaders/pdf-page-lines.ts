/** One line of a PDF page as a reader sees it: its text and the geometry that tells headings and paragraphs apart. */
export interface PdfLine {
  text: string;
  /** Font size in points, of the font that covers most of the line's characters. */
  size: number;
  /** Baseline height from the bottom of the page, in points (PDF space: larger is higher up). */
  y: number;
  /** Every visible character is drawn in a bold font. */
  bold: boolean;
}

/** The parts of a pdf.js text item the layout needs (`getTextContent().items`, marked content left out). */
export interface PdfTextItem {
  str: string;
  /** [a, b, c, d, e, f]: e, f are the position; the vertical scale hypot(c, d) is the font size. */
  transform: number[];
  width: number;
  fontName: string;
  hasEOL: boolean;
}

interface Run {
  text: string;
  size: number;
  bold: boolean;
  /** Baseline; only a text item's own run has one, not the spaces put between items. */
  y?: number;
}

/**
 * Rebuilds a page's lines from its text items, in the order pdf.js gives them: items on one baseline
 * are one line, and a line ends where pdf.js marks an end of line or the baseline moves.
 * No column detection: pdf.js's order is the content stream's, which is the reading order for
 * almost every PDF a word processor writes.
 */
export function pdfPageLines(items: readonly PdfTextItem[], isBold: (fontName: string) => boolean): PdfLine[] {
  const lines: PdfLine[] = [];
  let runs: Run[] = [];
  let start: { y: number; size: number } | null = null;
  let end = 0;

  const finish = () => {
    if (start) {
      const line = lineOf(runs, start);
      if (line) lines.push(line);
    }
    runs = [];
    start = null;
  };

  const sideways = items.filter(isSideways);
  const readAcross = sideways.length > 0 && characters(sideways) * 2 < characters(items) ? items.filter((item) => !isSideways(item)) : items;
  for (const [index, item] of readAcross.entries()) {
    const size = Math.round(Math.hypot(item.transform[2] ?? 0, item.transform[3] ?? 0) * 10) / 10;
    const x = item.transform[4] ?? 0;
    const y = item.transform[5] ?? 0;
    // Empty and blank items carry no geometry of their own worth keeping, only spaces and line ends.
    if (item.str.trim()) {
      if (start && Math.abs(y - start.y) > Math.max(start.size, size) * 0.5) finish();
      if (!start) start = { y, size };
      // Two pieces of one baseline drawn apart (a footer's left and right halves) need a space between them.
      else if (x - end > size * 0.2 && !/\s$/.test(runs.at(-1)?.text ?? "") && !/^\s/.test(item.str)) runs.push({ text: " ", size, bold: false });
      runs.push({ text: item.str, size, bold: isBold(item.fontName), y });
      end = x + item.width;
    } else if (start && item.str && !isFontChangeMark(item, size, runs.at(-1), readAcross[index + 1])) {
      runs.push({ text: " ", size, bold: false });
    }
    if (item.hasEOL) finish();
  }
  finish();
  return lines;
}

/**
 * The blank of no width pdf.js puts where the size changes with no gap, as between a small-caps word's
 * letters ("S" + "CHEDULES"): no space. Blanks between pieces of one size are left alone; old TeX output
 * spaces its words with blanks as narrow.
 */
function isFontChangeMark(blank: PdfTextItem, size: number, before: Run | undefined, after: PdfTextItem | undefined): boolean {
  if (!before || !after?.str.trim() || blank.width > size * 0.001) return false;
  const afterSize = Math.round(Math.hypot(after.transform[2] ?? 0, after.transform[3] ?? 0) * 10) / 10;
  const gap = (after.transform[4] ?? 0) - ((blank.transform[4] ?? 0) + blank.width);
  return afterSize !== before.size && Math.abs(gap) < afterSize * 0.01;
}

/** A footnote's or affiliation's mark: a digit or two, or a dagger, asterisk or section sign. */
const RAISED_MARK = /^(?:\d{1,2}|[∗*†‡§¶]{1,3})(?:,(?:\d{1,2}|[∗*†‡§¶]))*$/u;

/**
 * Drops the small raised marks after a word that point to a footnote ("Gnutella¹", "Liquid Types ∗"):
 * glued to the word they would make a new one ("Gnutella1") and end a title with noise. Exponents stay:
 * a mark after a digit or a one-letter variable ("10⁶", "n²") is part of the number.
 */
function withoutFootnoteMarks(runs: readonly Run[]): Run[] {
  const visible = runs.filter((run) => run.y !== undefined);
  if (visible.length < 2) return [...runs];
  const main = visible.reduce((best, run) => (run.text.length > best.text.length ? run : best));
  return runs.filter((run, i) => {
    if (run.y === undefined || run === main || !RAISED_MARK.test(run.text.trim())) return true;
    const raised = run.size <= main.size * 0.8 && run.y - main.y! > main.size * 0.15;
    if (!raised) return true;
    // The word before ends in the run before, or in the one before that when a space was put between.
    const before = `${runs[i - 2]?.text ?? ""}${runs[i - 1]?.text ?? ""}`;
    const afterWord = /\p{L}{3,}\s?$/u.test(before) && (!/\s$/.test(before) || /^[∗*†‡§¶]/u.test(run.text.trim()));
    return !afterWord;
  });
}

/**
 * Text set at an angle on a page that reads across: an arXiv stamp down the margin, a rotated axis label or
 * table header. Left out, since it would read as a heading or split a sentence. A page that is mostly
 * sideways (a landscape table on a portrait page) is read as it is.
 */
function isSideways(item: PdfTextItem): boolean {
  // b is the rotation's sine times the size; a slanted (fake italic) font only sets c. More than 30°: a scan's
  // text layer follows the page's slight skew, and stays.
  return Math.abs(item.transform[1] ?? 0) > Math.hypot(item.transform[0] ?? 0, item.transform[1] ?? 0) * 0.5;
}

function characters(items: readonly PdfTextItem[]): number {
  return items.reduce((sum, item) => sum + item.str.trim().length, 0);
}

function lineOf(all: Run[], start: { y: number }): PdfLine | null {
  const runs = withoutFootnoteMarks(all);
  const text = runs
    .map((run) => run.text)
    .join("")
    .replace(/\s+/g, " ")
    .trim();
  if (!text) return null;
  const bySize = new Map<number, number>();
  let visible = 0;
  let bold = 0;
  for (const run of runs) {
    const count = run.text.replace(/\s/g, "").length;
    bySize.set(run.size, (bySize.get(run.size) ?? 0) + count);
    visible += count;
    if (run.bold) bold += count;
  }
  const size = [...bySize].reduce((best, entry) => (entry[1] > best[1] ? entry : best))[0];
  return { text, size, y: start.y, bold: visible > 0 && bold === visible };
}
