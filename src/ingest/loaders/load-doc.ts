import WordExtractor from "word-extractor";
import { markdownTable } from "../../shared/markdown-table.ts";
import type { Loader } from "../loaded-document.ts";
import { bodyText, headingText } from "./office-package.ts";

const extractor = new WordExtractor();

/**
 * A Word 97–2003 document (`.doc`), still common on file shares. Its binary format keeps the text, the
 * footnotes and the text boxes, but the reader has no paragraph styles: headings are told by their shape (a
 * short line without a closing stop, followed by a paragraph), and table rows by their cell marks.
 */
export const loadDoc: Loader = async (bytes, fileName) => {
  let document: Awaited<ReturnType<WordExtractor["extract"]>>;
  try {
    document = await extractor.extract(bytes);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`could not read DOC ${fileName}: ${reason}`);
  }
  const notes = [document.getFootnotes(), document.getEndnotes(), document.getTextboxes({ includeHeadersAndFooters: false })];
  return { title: null, url: null, markdown: [wordTextToMarkdown(document.getBody()), ...notes.map(paragraphs)].filter(Boolean).join("\n\n"), keywords: "" };
};

/** Body text as Word 97 stores it (a paragraph a line, a table cell ended by a tab) as Markdown. */
export function wordTextToMarkdown(text: string): string {
  const lines = text
    .split(/\r?\n|\r/)
    .map((line) => line.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "").trimEnd())
    .filter((line) => line.trim());
  const blocks: string[] = [];
  let titled = false;
  for (let i = 0; i < lines.length; i++) {
    if (isTableRow(lines[i]!)) {
      const rows: string[][] = [];
      for (; i < lines.length && isTableRow(lines[i]!); i++) rows.push(lines[i]!.replace(/\t$/, "").split("\t"));
      i--;
      blocks.push(markdownTable(rows));
      continue;
    }
    const line = lines[i]!.trim();
    if (isHeading(lines, i)) {
      // The first heading names the document; the others are its sections.
      blocks.push(`${titled ? "##" : "#"} ${headingText(line)}`);
      titled = true;
    } else blocks.push(bodyText(line));
  }
  return blocks.join("\n\n");
}

function paragraphs(text: string): string {
  return text
    .split(/\r?\n|\r/)
    .map((line) => bodyText(line.trim()))
    .filter(Boolean)
    .join("\n\n");
}

function isTableRow(line: string): boolean {
  return line.includes("\t");
}

/** A short line that does not end as a sentence, before a paragraph or a table (or before a heading that is). */
function isHeading(lines: string[], i: number, depth = 0): boolean {
  const line = lines[i]!.trim();
  const next = lines[i + 1];
  if (!looksLikeHeading(line) || next === undefined) return false;
  if (isTableRow(next) || isParagraph(next.trim())) return true;
  // A title over its first section's heading ("Leave policy" above "Purpose").
  return depth === 0 && isHeading(lines, i + 1, 1);
}

function looksLikeHeading(line: string): boolean {
  return line.length <= 80 && line.split(/\s+/).length <= 12 && /^[\p{Lu}\p{N}]/u.test(line) && !/[.,;:!?]$/.test(line);
}

function isParagraph(line: string): boolean {
  return /[.!?:]["'”’)]?$/.test(line) || line.split(/\s+/).length > 12;
}
