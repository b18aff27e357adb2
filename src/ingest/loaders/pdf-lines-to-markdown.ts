import { isEnglishWord } from "../../shared/english-words.ts";
import { dropPageFurniture } from "./drop-page-furniture.ts";
import { HEADING_SIZE_RATIO, pdfBodySize } from "./pdf-body-size.ts";
import type { PdfLine } from "./pdf-page-lines.ts";
import { NOTE_OPENING, setAsideNotes } from "./set-aside-notes.ts";

export interface PdfLayout {
  /** Headings as `#` lines, paragraphs joined and separated by blank lines, list items one a line. */
  markdown: string;
  /** The first page's largest heading, the title a reader sees; null when the first page has no heading. */
  title: string | null;
}

/** A gap this much larger than the usual line spacing starts a new paragraph. */
const PARAGRAPH_GAP = 1.3;
/** Sizes this close (points) are one heading level: exporters round sizes differently. */
const SIZE_TOLERANCE = 0.5;
const MAX_HEADING_LENGTH = 120;
/** A bold or numbered heading at body size is short: a longer bold line is emphasis inside the text. */
const MAX_MINOR_HEADING_LENGTH = 80;
const MAX_LEVEL = 3;
/** How far above the previous line (in font sizes) a line must start to open the next column. */
const COLUMN_JUMP = 5;

/** Bullet characters a PDF draws as text (a hyphen or an asterisk also starts an item, not only these). */
const BULLET_MARKS = "•◦▪▫‣⁃●○■□";
const BULLET = new RegExp(`^[${BULLET_MARKS}·∙\\-–—*]\\s+`);
const BULLET_ANYWHERE = new RegExp(`[${BULLET_MARKS}]`);
const NUMBERED_ITEM = /^\d{1,3}[.)]\s+/;
const LETTERED_ITEM = /^(?:[a-z][.)]|\([a-z0-9]{1,4}\))\s+/;
const NUMBERED_SECTION = /^\d{1,2}(?:\.\d{1,2})*\.?\s+\p{L}/u;

type Block =
  | { kind: "heading"; text: string; size: number; minor: boolean; page: number }
  | { kind: "paragraph"; text: string }
  | { kind: "item"; text: string };

/**
 * Turns a PDF's lines into the Markdown a reader would write down: headings (by font size, and by
 * weight or numbering at body size), paragraphs joined with their hyphenated words made whole, list
 * items, and no running headers, footers or page numbers. Plain data in and out, no pdf.js.
 */
export function pdfLinesToMarkdown(pages: readonly PdfLine[][]): PdfLayout {
  const printed = dropPageFurniture(pages);
  const lines = printed.flat();
  if (lines.length === 0) return { markdown: "", title: null };
  const body = pdfBodySize(lines);
  const { pages: kept, notes } = setAsideNotes(printed, body);
  const layout = new Layout(body, usualSpacing(kept, body), bodyIsBold(lines, body), wordCounts(lines));

  const blocks: Block[] = [];
  let previous: PdfLine | null = null;
  kept.forEach((pageLines, page) => {
    pageLines.forEach((line, i) => {
      const next = pageLines[i + 1] ?? kept[page + 1]?.[0] ?? null;
      // A line well above the one before starts the next column: a sentence runs on there as over a page break.
      // (A table's next cell is only a row or two higher: it stays a paragraph of its own.)
      const nextColumn = i > 0 && line.y - previous!.y > line.size * COLUMN_JUMP;
      const continues = i === 0 || nextColumn ? layout.continuesAcrossPage(previous, line) : !layout.breaksBetween(previous!, line);
      add(blocks, layout, { line, page, previous, next, continues, firstOnPage: i === 0 });
      previous = line;
    });
  });

  const levels = headingLevels(blocks);
  let markdown = "";
  blocks.forEach((block, i) => {
    // List items follow each other line by line; everything else stands apart.
    if (i > 0) markdown += block.kind === "item" && blocks[i - 1]!.kind === "item" ? "\n" : "\n\n";
    if (block.kind === "heading") markdown += `${"#".repeat(levels(block))} ${block.text}`;
    else markdown += block.kind === "paragraph" ? asText(block.text) : block.text;
  });
  if (notes.length > 0) {
    // After the text, so the notes stay searchable and quotable; under a heading of the sections' level when
    // the document has headings (in one without, a "Notes" heading would be taken for its title).
    const headings = blocks.filter((block) => block.kind === "heading");
    const heading = headings.length === 0 ? "" : `${"#".repeat(headings.some((block) => levels(block) === 1) ? 2 : 1)} Notes\n\n`;
    markdown += `${markdown ? "\n\n" : ""}${heading}${notes.flatMap((note) => noteParagraphs(note, layout)).join("\n\n")}`;
  }
  return { markdown, title: firstPageTitle(blocks) };
}

/** A note's lines as paragraphs, a new one at each footnote mark ("1 See…", "∗ Supported by…"). */
function noteParagraphs(lines: readonly PdfLine[], layout: Layout): string[] {
  const paragraphs: string[] = [];
  for (const line of lines) {
    if (paragraphs.length === 0 || NOTE_OPENING.test(line.text)) paragraphs.push(line.text);
    else paragraphs[paragraphs.length - 1] = layout.joinLines(paragraphs.at(-1)!, line.text);
  }
  return paragraphs.map(asText);
}

/** A paragraph that starts with "#" or ">" is text, not a heading or a quote. */
function asText(paragraph: string): string {
  return paragraph.replace(/^([#>])/, "\\$1");
}

interface Placed {
  line: PdfLine;
  page: number;
  previous: PdfLine | null;
  next: PdfLine | null;
  /** The line runs on from the previous one: no paragraph gap, no change of size. */
  continues: boolean;
  firstOnPage: boolean;
}

function add(blocks: Block[], layout: Layout, placed: Placed): void {
  const { line, page, continues } = placed;
  const last = blocks.at(-1);
  if (layout.isLargeHeading(line) && !runsOn(placed, last)) {
    // A title wrapped over two lines is one heading.
    if (last?.kind === "heading" && !last.minor && continues && Math.abs(last.size - line.size) <= SIZE_TOLERANCE) {
      last.text = layout.joinLines(last.text, line.text);
    } else {
      blocks.push({ kind: "heading", text: line.text, size: line.size, minor: false, page });
    }
    return;
  }
  if (layout.isMinorHeading(placed)) {
    blocks.push({ kind: "heading", text: line.text, size: line.size, minor: true, page });
    return;
  }
  if (continues && last?.kind === "paragraph" && goesOnInlineList(last.text, line.text)) {
    last.text = layout.joinLines(last.text, line.text);
    return;
  }
  const bullet = BULLET.exec(line.text);
  if (bullet) {
    blocks.push({ kind: "item", text: `- ${line.text.slice(bullet[0].length)}` });
    return;
  }
  if (NUMBERED_ITEM.test(line.text)) {
    // Already a Markdown ordered item ("1. Submit the form.").
    blocks.push({ kind: "item", text: line.text });
    return;
  }
  if (LETTERED_ITEM.test(line.text)) {
    blocks.push({ kind: "item", text: `- ${line.text}` });
    return;
  }
  if (continues && (last?.kind === "paragraph" || last?.kind === "item")) {
    last.text = layout.joinLines(last.text, line.text);
    return;
  }
  blocks.push({ kind: "paragraph", text: line.text });
}

/**
 * A slide sets its body text as large as a document's headings: a large line straight under a sentence
 * that has not ended (no gap, same size, no closing punctuation) is the sentence's next line, not a heading.
 */
function runsOn({ previous, continues }: Placed, last: Block | undefined): boolean {
  return continues && (last?.kind === "paragraph" || last?.kind === "item") && previous !== null && !/[.!?:;]$/.test(previous.text);
}

/**
 * A line opening with "(b)" or "2)" whose paragraph already holds "(a)" or "1)" goes on with an enumeration
 * written into the sentence ("…has drawbacks: (a) it hides … and" / "(b) it prevents …"), not a list.
 */
function goesOnInlineList(paragraph: string, line: string): boolean {
  const marker = /^(\(?)([b-z]|[2-9]|\d{2})\)\s/.exec(line);
  if (!marker) return false;
  const [, open, label] = marker as unknown as [string, string, string];
  const previous = /\d/.test(label) ? String(Number(label) - 1) : String.fromCharCode(label.charCodeAt(0) - 1);
  return paragraph.includes(open ? `(${previous}) ` : ` ${previous}) `);
}

/** The measures of one document that decide what its lines are. */
class Layout {
  constructor(
    private readonly body: number,
    /** Baseline to baseline distance of body lines in one paragraph, as a multiple of the font size. */
    private readonly spacing: number,
    private readonly bodyBold: boolean,
    /** How often each word occurs in the document (a hyphenated compound as its parts). */
    private readonly words: Map<string, number>,
  ) {}

  /**
   * Joins a line to the text before it, rejoining a word hyphenated over the line break ("retrie-" / "val").
   * A compound that breaks at its own hyphen ("on-" / "call") keeps it: browsers and word processors do not
   * hyphenate words, only typesetting programs do. Told apart by the document's own words: the hyphen goes
   * unless the joined word is no English word and never occurs elsewhere while both parts do (each counts
   * once at the break itself): "under-" / "standing" is "understanding" however often "under" occurs.
   */
  joinLines(text: string, next: string): string {
    // Only the text's end is read: a paragraph grows line by line, and reading all of it each time is quadratic.
    const before = /([\p{L}\p{N}]+)-$/u.exec(text.slice(-64))?.[1];
    // A capital after the break is the next part of a compound ("Time-" / "Sharing"), never a hyphenated word's rest.
    if (before && /\p{L}$/u.test(before) && /^\p{Lu}/u.test(next)) return text + next;
    const after = /^\p{Ll}[\p{L}\p{N}]*/u.exec(next)?.[0];
    if (!before || !after || !/\p{L}$/u.test(before)) return `${text} ${next}`;
    const joined = (before + after).toLowerCase();
    const count = (word: string) => this.words.get(word.toLowerCase()) ?? 0;
    const compound = count(joined) === 0 && !isEnglishWord(joined) && count(before) >= 2 && count(after) >= 2;
    return compound ? text + next : text.slice(0, -1) + next;
  }

  /** A clear gap or a change of size between two lines on one page: a new paragraph. */
  breaksBetween(above: PdfLine, below: PdfLine): boolean {
    if (!sameSize(above.size, below.size)) return true;
    const distance = above.y - below.y;
    return distance <= 0 || distance > this.spacing * Math.max(above.size, below.size) * PARAGRAPH_GAP;
  }

  /** A sentence cut by a page or column break: the page ended mid-sentence and the next starts in lower case. */
  continuesAcrossPage(above: PdfLine | null, below: PdfLine): boolean {
    return above !== null && sameSize(above.size, below.size) && !/[.!?:]$/.test(above.text) && /^\p{Ll}/u.test(below.text);
  }

  isLargeHeading(line: PdfLine): boolean {
    return line.size >= this.body * HEADING_SIZE_RATIO && looksLikeHeading(line.text, MAX_HEADING_LENGTH);
  }

  /**
   * A heading at body size (or a little larger) needs a second signal besides being short: a bold line
   * standing alone (when the body itself is not bold), or a section number on a line of its own with space
   * around it.
   * "1. Submit the form." ends like a sentence, so it stays a list item.
   */
  isMinorHeading({ line, previous, next, firstOnPage }: Placed): boolean {
    // At body size or a little larger (Word's 12-point bold heading over 11-point text); larger is isLargeHeading's.
    if ((line.size < this.body && !sameSize(line.size, this.body)) || !looksLikeHeading(line.text, MAX_MINOR_HEADING_LENGTH) || /[.:]$/.test(line.text))
      return false;
    if (BULLET.test(line.text) || LETTERED_ITEM.test(line.text)) return false;
    const gapAbove = previous !== null && !firstOnPage && this.breaksBetween(previous, line);
    const gapBelow = next === null || next.y >= line.y || this.breaksBetween(line, next);
    if (line.bold && !this.bodyBold) {
      // Standing alone: not the last line of a sentence, not the first of a bold paragraph.
      const alone = previous === null || firstOnPage || gapAbove || /[.!?:]$/.test(previous.text);
      return alone && !(next?.bold && !gapBelow);
    }
    // Without weight, only the space around a numbered line tells a section heading from a list item.
    return NUMBERED_SECTION.test(line.text) && gapAbove && gapBelow;
  }
}

function looksLikeHeading(text: string, maxLength: number): boolean {
  if (text.length > maxLength || !/\p{L}/u.test(text) || /[,;]$/.test(text)) return false;
  // A bullet makes a list item, also set large on a slide ("• Fire spreads very quickly."), or runs items together.
  if (BULLET_ANYWHERE.test(text)) return false;
  // A table of contents entry names a heading but is not one: "2 Naming . . . . . 3".
  if (/(?:\.\s?){4,}\s*[\divxlc]*$/i.test(text)) return false;
  // A full stop ends a sentence that happens to be large; a short "Introduction." is still a heading.
  return !(text.endsWith(".") && text.length > 60);
}

function sameSize(a: number, b: number): boolean {
  return Math.abs(a - b) <= Math.max(SIZE_TOLERANCE, Math.min(a, b) * 0.05);
}

function wordCounts(lines: readonly PdfLine[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of lines) {
    for (const word of line.text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return counts;
}

function bodyIsBold(lines: readonly PdfLine[], body: number): boolean {
  let all = 0;
  let bold = 0;
  for (const line of lines) {
    if (line.size !== body) continue;
    all += line.text.length;
    if (line.bold) bold += line.text.length;
  }
  return bold * 2 > all;
}

/**
 * The most common distance between consecutive body lines, relative to the size: what "no gap" looks
 * like in this document. 1.2 (the usual leading) when the document has no two body lines in a row.
 */
function usualSpacing(pages: readonly PdfLine[][], body: number): number {
  const counts = new Map<number, number>();
  for (const lines of pages) {
    for (let i = 1; i < lines.length; i++) {
      const [above, below] = [lines[i - 1]!, lines[i]!];
      if (above.size !== body || below.size !== body) continue;
      const ratio = Math.round(((above.y - below.y) / body) * 20) / 20;
      if (ratio > 0.5 && ratio < 3) counts.set(ratio, (counts.get(ratio) ?? 0) + 1);
    }
  }
  if (counts.size === 0) return 1.2;
  const smallest = Math.min(...counts.keys());
  // Ties go to the tighter spacing: paragraph gaps are the exception, however many paragraphs there are.
  return [...counts].reduce((best, entry) => (entry[1] > best[1] || (entry[1] === best[1] && entry[0] < best[0]) ? entry : best), [smallest, 0])[0];
}

/** Larger sizes rank higher: the largest heading size is `#`, the next `##`, the rest and body-size headings `###`. */
function headingLevels(blocks: readonly Block[]): (block: Block & { kind: "heading" }) => number {
  const sizes: number[] = [];
  for (const block of blocks) if (block.kind === "heading" && !block.minor) sizes.push(block.size);
  const ranks = [...new Set(sizes)]
    .sort((a, b) => b - a)
    .reduce<number[]>((kept, size) => {
      if (kept.length === 0 || kept.at(-1)! - size > SIZE_TOLERANCE) kept.push(size);
      return kept;
    }, []);
  return (block) => {
    if (block.minor) return Math.min(ranks.length + 1, MAX_LEVEL);
    const rank = ranks.findIndex((size) => block.size >= size - SIZE_TOLERANCE);
    return Math.min(rank + 1, MAX_LEVEL);
  };
}

/** The first page's largest heading; a drop cap (a lone letter set large) is no title. */
function firstPageTitle(blocks: readonly Block[]): string | null {
  let best: (Block & { kind: "heading" }) | null = null;
  for (const block of blocks) {
    if (block.kind !== "heading" || block.page !== 0 || block.minor || /^\P{L}*\p{L}\P{L}*$/u.test(block.text)) continue;
    if (!best || block.size > best.size) best = block;
  }
  return best?.text ?? null;
}
