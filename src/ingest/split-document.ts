import { RecursiveCharacterTextSplitter } from "@langchain/textsplitters";

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

export const HEADING_SEPARATOR = " › ";

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
  const splitter = RecursiveCharacterTextSplitter.fromLanguage("markdown", { chunkSize, chunkOverlap });

  const passages: Passage[] = [];
  let pending: Passage | null = null;
  const flush = () => {
    if (pending && pending.text.trim()) passages.push({ heading: pending.heading, text: pending.text.trim() });
    pending = null;
  };

  for (const section of sectionsOf(markdown)) {
    const heading = section.path.length ? section.path.join(HEADING_SEPARATOR) : null;
    const text = section.lines.join("\n").trim();
    if (!text) continue;
    if (text.length > chunkSize) {
      flush();
      for (const piece of await splitter.splitText(text)) passages.push({ heading, text: piece.trim() });
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
  let fence: string | null = null;
  for (const line of withAtxHeadings(markdown.split("\n"))) {
    const fenceMatch = /^\s*(```|~~~)/.exec(line);
    if (fenceMatch) fence = fence === null ? fenceMatch[1]! : fence === fenceMatch[1] ? null : fence;
    const heading = fence === null ? /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line) : null;
    if (!heading) {
      sections.at(-1)!.lines.push(line);
      continue;
    }
    const level = heading[1]!.length;
    const title = cleanHeading(heading[2]!);
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
function withAtxHeadings(lines: string[]): string[] {
  const out: string[] = [];
  let fence = false;
  for (const [i, line] of lines.entries()) {
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    const underline = fence ? null : /^ {0,3}(=+|-+)\s*$/.exec(line);
    const title = lines[i - 1]?.trim() ?? "";
    const standsAlone = i < 2 || !lines[i - 2]!.trim();
    if (underline && underline[1]!.length >= 3 && title && title.length <= 80 && standsAlone && /\p{L}/u.test(title) && !/^([-*+>#|]|\d+[.)])/.test(title)) {
      out[out.length - 1] = `${underline[1]![0] === "=" ? "#" : "##"} ${title}`;
      continue;
    }
    out.push(line);
  }
  return out;
}

function isHeadingOnly(text: string): boolean {
  return text.split("\n").every((line) => !line.trim() || /^#{1,6}\s/.test(line));
}

function cleanHeading(text: string): string {
  return text
    .replace(/\{#[^}]*\}/g, "")
    .replace(/[*_`]/g, "")
    .trim();
}
