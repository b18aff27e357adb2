import { HEADING_SIZE_RATIO, pdfBodySize } from "./pdf-body-size.ts";
import type { PdfLine } from "./pdf-page-lines.ts";

/** How many lines at the top and at the bottom of a page can be a running header or footer. */
const EDGE_LINES = 2;

/**
 * Removes what a reader's eye skips: a table of contents, running headers and footers and bare page numbers
 * ("12", "Page 3 of 10", "- 4 -") at a page's top or bottom. A running line recurs there, its numbers aside,
 * on at least three pages: on at least half of them (the document's header), or on pages in a row,
 * every page or every other one (a chapter's header, as books print it). Left in, they land in the
 * middle of sentences that run over a page break and in every passage's search text. A line set larger
 * than the body is never running furniture: that is a section heading that happens to open a page.
 */
export function dropPageFurniture(pages: readonly PdfLine[][]): PdfLine[][] {
  const edges = pages.map(edgeLines);
  const pagesWith = new Map<string, number[]>();
  edges.forEach((edge, page) => {
    for (const key of new Set([...edge].map(recurringKey))) pagesWith.set(key, [...(pagesWith.get(key) ?? []), page]);
  });
  const textPages = pages.filter((lines) => lines.length > 0).length;
  const all = pages.flat();
  const body = all.length ? pdfBodySize(all) : 0;
  const largest = body * HEADING_SIZE_RATIO;
  const running = (line: PdfLine) => {
    if (line.size >= largest) return false;
    const found = pagesWith.get(recurringKey(line)) ?? [];
    return found.length >= 3 && (found.length * 2 >= textPages || longestRun(found) >= 3);
  };
  const printedMargin = (line: PdfLine) => line.size < body && isPrintedMargin(line.text);
  return pages.map((lines, i) =>
    lines.filter(
      (line, at) => !isContents(line.text, lines[at + 1]?.text) && (!edges[i]!.has(line) || !(isPageNumber(line.text) || running(line) || printedMargin(line))),
    ),
  );
}

/**
 * A table of contents, its heading included: a line of it ("4 Leave ........... 6") repeats a heading the
 * document has anyway, and as a passage it matched every question about any of them while answering none.
 */
function isContents(text: string, next: string | undefined): boolean {
  return isContentsEntry(text) || (/^(?:table of )?contents(?: page)?$/i.test(text.trim()) && next !== undefined && isContentsEntry(next));
}

function isContentsEntry(text: string): boolean {
  return /\p{L}.*?(?:\.{4,}|…{2,}|(?:\. ){4,})[\s.…]*\d{1,4}$/u.test(text.trim());
}

/** The most pages in a row, one or two apart, in an ascending list of page indexes. */
function longestRun(pages: readonly number[]): number {
  let longest = 1;
  let current = 1;
  for (let i = 1; i < pages.length; i++) {
    current = pages[i]! - pages[i - 1]! <= 2 ? current + 1 : 1;
    longest = Math.max(longest, current);
  }
  return longest;
}

/** The lines nearest the top and the bottom of the page, by position rather than by drawing order. */
function edgeLines(lines: readonly PdfLine[]): Set<PdfLine> {
  const byHeight = [...lines].sort((a, b) => b.y - a.y);
  return new Set([...byHeight.slice(0, EDGE_LINES), ...byHeight.slice(-EDGE_LINES)]);
}

/** A header's text with its numbers (page, date, chapter) made alike, so "Page 3" and "Page 4" match. */
function recurringKey(line: PdfLine): string {
  return line.text.toLowerCase().replace(/\d+/g, "#").replace(/\s+/g, " ").trim();
}

const DATE_TIME = String.raw`\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?`;
const PRINT_DATE = new RegExp(`^${DATE_TIME}\\b|\\b${DATE_TIME}$`, "i");
const ADDRESS_AND_PAGE = /(?:https?|file):\/\/\S+\s+(?:page\s+)?\d{1,4}\s*(?:\/|of)\s*\d{1,4}$/i;

/**
 * What a browser prints in a page's margins, in a smaller size than the text: the date and time beside the
 * page's title, the page's address beside its page count ("12/1/26, 2:47 PM  Leave policy | Intranet",
 * "https://intranet/leave  1/3"). Furniture even on a one- or two-page document, where nothing can recur.
 */
function isPrintedMargin(text: string): boolean {
  return PRINT_DATE.test(text) || ADDRESS_AND_PAGE.test(text);
}

/** "12", "- 4 -", "Page 3", "Page 3 of 10", "3 / 10", a front matter's "iv"; a bare year ("2024") is not one. */
function isPageNumber(text: string): boolean {
  const trimmed = text.trim();
  return /^[-–—\s]*(?:page\s+\d{1,4}|\d{1,3})(?:\s*(?:of|\/)\s*\d{1,4})?[-–—\s]*$/i.test(trimmed) || /^[ivxlc]{1,7}$/i.test(trimmed);
}
