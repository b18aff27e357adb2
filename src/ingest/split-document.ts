import { RecursiveCharacterTextSplitter } from "@langchain/textsplitters";
import { atxHeading } from "../shared/atx-heading.ts";
import { isTableRow, isTableSeparator, splitTableRow } from "../shared/markdown-table.ts";
import { BARE_FENCE, FENCE_LINE, splitCodeFences } from "../shared/split-code-fences.ts";
import { unescapeMarkdown } from "../shared/unescape-markdown.ts";
import { HEADING_SEPARATOR } from "../shared/heading-path.ts";
import { SENTENCE_BREAK } from "../shared/split-sentences.ts";

export interface Passage {
  /** Heading path inside the document, e.g. `Leave › Parental leave`; null before the first heading. */
  heading: string | null;
  text: string;
}

export interface SplitOptions {
  chunkSize?: number;
  chunkOverlap?: number;
  /** Sections shorter than this are packed together with their neighbours instead of standing alone. */
  minChunkSize?: number;
}

interface Section {
  path: string[];
  lines: string[];
}

/**
 * Splits Markdown along its headings, so each passage knows where in the document it sits.
 * Long sections go through LangChain's Markdown-aware splitter; short neighbours are packed together,
 * because a lone heading or a two-line section is a poor passage to retrieve or cite.
 */
export async function splitDocument(markdown: string, options: SplitOptions = {}): Promise<Passage[]> {
  const chunkSize = options.chunkSize ?? 1200;
  const chunkOverlap = options.chunkOverlap ?? 150;
  const minChunkSize = options.minChunkSize ?? 300;
  // Only a sentence longer than a passage reaches LangChain's splitter; its pieces leave room for the
  // section's heading line, which opens the first passage.
  const splitter = RecursiveCharacterTextSplitter.fromLanguage("markdown", { chunkSize: chunkSize - Math.min(100, Math.floor(chunkSize / 5)), chunkOverlap });

  const passages: Passage[] = [];
  let pending: Passage | null = null;
  const flush = () => {
    if (pending?.text.trim()) passages.push({ heading: pending.heading, text: pending.text.trim() });
    pending = null;
  };

  for (const section of sectionsOf(markdown)) {
    const heading = section.path.length ? section.path.join(HEADING_SEPARATOR) : null;
    const text = section.lines.join("\n").trim();
    if (!text) continue;
    if (text.length > chunkSize) {
      // A heading with nothing under it above a long section (a page's title before its first section) is no
      // passage: it travels with the section's passages in their heading path, and alone it holds nothing to
      // quote. A sibling's heading stays, as its words are in no other passage.
      const above = pending as Passage | null;
      if (above && isHeadingOnly(above.text) && heading?.startsWith(`${above.heading}${HEADING_SEPARATOR}`)) pending = null;
      flush();
      for (const piece of await splitLongSection(text, chunkSize, chunkOverlap, splitter)) passages.push({ heading, text: piece });
      continue;
    }
    if (pending !== null) {
      const current: Passage = pending;
      if (current.text.length < minChunkSize || text.length < minChunkSize) {
        if (current.text.length + text.length + 2 <= chunkSize) {
          // A heading with nothing under it yields its place to the section that gives it content.
          const keep = isHeadingOnly(current.text) ? heading : (current.heading ?? heading);
          pending = { heading: keep, text: `${current.text}\n\n${text}` };
          continue;
        }
      }
      flush();
    }
    pending = { heading, text };
  }
  flush();
  return mergeTinyTail(passages, minChunkSize, chunkSize);
}

interface Piece {
  text: string;
  /** What joins it to the piece before: a blank line between paragraphs, a line break, a space between sentences. */
  joiner: string;
  /** A table row's header and separator lines: a passage that opens inside the table opens with them. */
  tableHead?: string;
  /** The header or separator line itself: an overlap never opens with it, the whole header comes instead. */
  inTableHead?: boolean;
}

/**
 * A section longer than a passage, cut where a reader pauses: between paragraphs, else between the lines of
 * a list, table or code block, else between sentences, so no passage starts or ends mid-sentence (a quote
 * from its opening would read "of the employees who…"). LangChain's splitter cuts only a single sentence
 * longer than a passage. Passages overlap by whole trailing pieces, up to `chunkOverlap` characters.
 */
async function splitLongSection(text: string, chunkSize: number, chunkOverlap: number, splitter: RecursiveCharacterTextSplitter): Promise<string[]> {
  const heading = /^#{1,6}\s.*\n+/.exec(text)?.[0] ?? "";
  const pieces: Piece[] = heading ? [{ text: heading.trim(), joiner: "" }] : [];
  for (const block of blocksOf(text.slice(heading.length))) {
    const joiner = pieces.length ? block.joiner : "";
    const paragraph = block.text;
    const cut: Piece[] =
      paragraph.length <= chunkSize
        ? [{ text: paragraph, joiner }]
        : block.code
          ? cutCode(paragraph, chunkSize)
          : isLineStructured(paragraph)
            ? await cutLines(paragraph, chunkSize, splitter)
            : await cutSentences(paragraph, chunkSize, splitter);
    pieces.push(...cut.map((piece, i) => (i === 0 ? { ...piece, joiner } : piece)));
  }
  const passages: string[] = [];
  let current: Piece[] = [];
  const length = (list: Piece[]) => list.reduce((sum, piece, i) => sum + (i ? piece.joiner.length : 0) + piece.text.length, 0);
  for (const piece of pieces) {
    // The heading line opens the first passage and is never a passage alone.
    const headingOnly = current.length === 1 && current[0]!.text === heading.trim();
    if (current.length && !headingOnly && length([...current, piece]) > chunkSize) {
      passages.push(join(current));
      const overlap: Piece[] = [];
      for (const previous of [...current].reverse()) {
        if (length([previous, ...overlap]) > chunkOverlap) break;
        overlap.unshift(previous);
      }
      current = length([...overlap, piece]) <= chunkSize ? overlap : [];
      while (current[0]?.inTableHead) current.shift();
      // Rows without their header are numbers without names, for the searcher and the reader alike.
      const opening = current[0] ?? piece;
      const head: Piece | null = opening.tableHead ? { text: opening.tableHead, joiner: "" } : null;
      if (head && length([head, ...current, piece]) <= chunkSize) current = [head, ...current];
    }
    current.push(piece);
  }
  if (current.length) passages.push(join(current));
  return passages.map((passage) => passage.trim()).filter(Boolean);
}

/**
 * A section's paragraphs, a fenced code block whole among them: cut at its blank lines, a passage opened
 * mid-script with no fence, and its code was quoted as sentences ("Parameters grafana_url: str API URL…").
 */
function blocksOf(text: string): { text: string; joiner: string; code: boolean }[] {
  const blocks: { text: string; joiner: string; code: boolean }[] = [];
  let joiner = "\n\n";
  for (const segment of splitCodeFences(text)) {
    if (segment.code) {
      blocks.push({ text: segment.text, joiner, code: true });
      joiner = "\n";
      continue;
    }
    // Prose between blocks: its paragraphs, and whether a blank line parts it from the blocks around it.
    const opensBlank = /^[ \t]*\n/.test(segment.text);
    for (const [i, part] of segment.text.split(/\n\s*\n/).entries()) {
      if (part.trim()) blocks.push({ text: part.replace(/^\s*\n|\n\s*$/g, ""), joiner: i === 0 && !opensBlank ? joiner : "\n\n", code: false });
    }
    joiner = /\n[ \t]*$/.test(segment.text) || !segment.text.trim() ? "\n\n" : "\n";
  }
  return blocks;
}

/** A code block longer than a passage, cut between its lines, each piece fenced as the block is. */
function cutCode(block: string, chunkSize: number): Piece[] {
  const lines = block.split("\n");
  const opening = lines[0]!;
  const fence = FENCE_LINE.exec(opening)![1]!;
  // A code block from splitCodeFences ends at its closing fence, or at the section's end when never closed.
  const closed = lines.length > 1 && BARE_FENCE.test(lines.at(-1)!);
  const body = lines.slice(1, closed ? -1 : undefined);
  const room = Math.max(chunkSize - opening.length - fence.length - 2, chunkSize / 2);
  const pieces: Piece[] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length) pieces.push({ text: [opening, ...current, fence].join("\n"), joiner: "\n" });
    current = [];
  };
  // A line longer than a piece (minified code, a long string) is cut into lines of its own.
  for (const line of body.flatMap((line) => line.match(new RegExp(`[^]{1,${Math.floor(room)}}`, "g")) ?? [line])) {
    if (current.length && [...current, line].join("\n").length > room) flush();
    current.push(line);
  }
  flush();
  return pieces;
}

function join(pieces: Piece[]): string {
  return pieces.map((piece, i) => (i ? piece.joiner : "") + piece.text).join("");
}

/**
 * A list, table or code block: its lines are the units a reader sees, not its sentences. A list item wrapped
 * over several lines counts once (otherwise a list of long items reads as prose, and cutting it between
 * sentences ran one item into the next: "…working late. * 424 - Entertainments: …").
 */
function isLineStructured(paragraph: string): boolean {
  const lines = unitLines(paragraph).filter((line) => line.trim());
  const structured = lines.filter((line) => /^\s*([-*+•|>]|\d+[.)]|```|~~~)|^ {4}|^\t/.test(line)).length;
  return lines.length > 1 && structured >= lines.length / 2;
}

/** A paragraph's lines, a list item wrapped over several lines as one: its indented continuation lines stay with it. */
function unitLines(paragraph: string): string[] {
  const lines: string[] = [];
  for (const line of paragraph.split("\n")) {
    const continues =
      lines.length > 0 && /^\s+\S/.test(line) && !/^\s*([-*+•|>]|\d+[.)])\s/.test(line) && /^\s*([-*+•]|\d+[.)])\s/.test(lines.at(-1)!.split("\n")[0]!);
    if (continues) lines[lines.length - 1] += `\n${line}`;
    else lines.push(line);
  }
  return lines;
}

async function cutLines(paragraph: string, chunkSize: number, splitter: RecursiveCharacterTextSplitter): Promise<Piece[]> {
  const pieces: Piece[] = [];
  const lines = unitLines(paragraph);
  let tableHead: string | undefined;
  for (const [i, line] of lines.entries()) {
    const row = isTableRow(line);
    const head = row && (isTableSeparator(lines[i + 1]) || (isTableSeparator(line) && isTableRow(lines[i - 1] ?? "")));
    if (!row) tableHead = undefined;
    else if (isTableSeparator(lines[i + 1])) tableHead = `${line}\n${lines[i + 1]}`;
    // A row too long to fit under its header (given half a passage at least, should the header be huge) is
    // cut between its cells, each piece a row of its own: cut between sentences, a piece would open mid-row
    // and its cells lose their column's name.
    const room = Math.max(chunkSize - (tableHead ? tableHead.length + 1 : 0), chunkSize / 2);
    const rows = row && !head && line.length > room ? splitTableRow(line, room) : [line];
    const cut = (await Promise.all(rows.map((text) => (text.length <= chunkSize ? [{ text, joiner: "\n" }] : cutSentences(text, chunkSize, splitter))))).flat();
    const marks = head ? { inTableHead: true } : row && tableHead ? { tableHead } : {};
    pieces.push(...cut.map((piece, j) => ({ ...piece, joiner: j === 0 ? "\n" : piece.joiner, ...marks })));
  }
  return pieces;
}

async function cutSentences(prose: string, chunkSize: number, splitter: RecursiveCharacterTextSplitter): Promise<Piece[]> {
  const pieces: Piece[] = [];
  for (const sentence of prose.split(SENTENCE_BREAK)) {
    const cut = sentence.length <= chunkSize ? [sentence] : await splitter.splitText(sentence);
    for (const text of cut) pieces.push({ text: text.trim(), joiner: " " });
  }
  return pieces.filter((piece) => piece.text);
}

/** A last passage of a few words (a closing link line, say) is folded into the one before it. */
function mergeTinyTail(passages: Passage[], minChunkSize: number, chunkSize: number): Passage[] {
  const last = passages.at(-1);
  const before = passages.at(-2);
  if (last && before && last.text.length < minChunkSize / 3 && before.text.length + last.text.length + 2 <= chunkSize * 1.25) {
    return [...passages.slice(0, -2), { heading: before.heading, text: `${before.text}\n\n${last.text}` }];
  }
  return passages;
}

/** Cuts Markdown into sections at ATX headings (ignoring `#` lines inside code fences). */
function sectionsOf(markdown: string): Section[] {
  const sections: Section[] = [{ path: [], lines: [] }];
  const stack: { level: number; title: string }[] = [];
  const lines = splitCodeFences(markdown).flatMap((segment) => segment.text.split("\n").map((line) => ({ code: segment.code, line })));
  for (const { code, line } of withAtxHeadings(lines)) {
    const heading = code ? null : atxHeading(line);
    if (!heading) {
      sections.at(-1)!.lines.push(line);
      continue;
    }
    const level = heading.level;
    const title = cleanHeading(heading.text);
    while (stack.length && stack.at(-1)!.level >= level) stack.pop();
    stack.push({ level, title });
    // The heading line stays in the text too: it is what a reader sees, and what a searcher types.
    sections.push({ path: stack.map((entry) => entry.title), lines: [line] });
  }
  return sections;
}

/**
 * Setext headings ("Leave policy" underlined with `===` or `---`, common in older Markdown and plain-text
 * documents) rewritten as ATX headings, so they cut sections like `#` lines do. Only a short line standing
 * alone above its underline counts: `---` under a paragraph's last line is more often a rule than a heading.
 */
function withAtxHeadings(lines: { code: boolean; line: string }[]): { code: boolean; line: string }[] {
  const out: { code: boolean; line: string }[] = [];
  for (const [i, { code, line }] of lines.entries()) {
    const underline = code ? null : /^ {0,3}(=+|-+)\s*$/.exec(line);
    const above = lines[i - 1];
    const title = above && !above.code ? above.line.trim() : "";
    const standsAlone = i < 2 || !lines[i - 2]!.line.trim();
    if (underline && underline[1]!.length >= 3 && title && title.length <= 80 && standsAlone && /\p{L}/u.test(title) && !/^([-*+>#|]|\d+[.)])/.test(title)) {
      out[out.length - 1] = { code: false, line: `${underline[1]![0] === "=" ? "#" : "##"} ${title}` };
      continue;
    }
    out.push({ code, line });
  }
  return out;
}

/** A passage of heading lines alone. */
export function isHeadingOnly(text: string): boolean {
  return text.split("\n").every((line) => !line.trim() || /^#{1,6}\s/.test(line));
}

function cleanHeading(text: string): string {
  return unescapeMarkdown(text.replace(/\{#[^}]*\}/g, "").replace(/(?<!\\)[*_`]/g, "")).trim();
}
