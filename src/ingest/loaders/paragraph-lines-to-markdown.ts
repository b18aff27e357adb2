import { markdownTable } from "../../shared/markdown-table.ts";
import { bodyText, headingText } from "./office-package.ts";

/**
 * Text with a paragraph a line and no markup, as Word 97 stores a document's body and as word processors save
 * "plain text": a table's cells are ended by tabs, and headings are told by their shape, a short line that does
 * not end as a sentence, before a paragraph or a table. The first heading names the document.
 */
export function paragraphLinesToMarkdown(text: string): string {
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
