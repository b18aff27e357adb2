import { markdownTable } from "../../shared/markdown-table.ts";
import { bodyText, headingText, type XmlToken } from "./office-package.ts";

/**
 * What never shows as the document's text: comments, deleted text kept for change tracking, generated
 * tables of contents and indexes (they repeat the headings), a footnote's number, and a picture's alt text.
 */
const SKIPPED = new Set([
  "annotation",
  "tracked-changes",
  "table-of-content",
  "alphabetical-index",
  "illustration-index",
  "table-index",
  "object-index",
  "user-index",
  "bibliography",
  "note-citation",
  "title",
  "desc",
  "sequence-decls",
  "variable-decls",
  "user-field-decls",
  "forms",
]);
/** A cell repeated to the page's edge would widen every row: repeats are capped (markdownTable drops empty columns). */
const MAX_REPEATED_CELLS = 20;

interface Paragraph {
  text: string;
  /** Its outline level for a heading (`<text:h>`), else 0. */
  level: number;
  /** Paragraphs nested in it (a footnote's, a text box's), read after it. */
  after: string[];
}

/**
 * The text of OpenDocument content (a Writer document's body, a slide's shapes) as Markdown blocks: headings by
 * outline level under a Title paragraph, paragraphs, nested lists, tables, footnotes and text boxes after the
 * paragraph holding them.
 */
export function readOdfText(tokens: Iterable<XmlToken>): string[] {
  const blocks: string[] = [];
  const paragraphs: Paragraph[] = [];
  // Lists: one entry per open <text:list>, the lines of the outermost gathered into one block.
  let listDepth = 0;
  let listLines: string[] = [];
  let itemOpen = false;
  // Tables: rows of cells, the innermost table being filled; a nested table reads into its cell.
  const tables: Array<{ rows: string[][]; cell: string[] | null; repeat: number }> = [];
  let skipping = 0;
  // The Title paragraph style, and the automatic styles (a Title made bold: "P3") derived from it.
  const titleStyles = new Set(["Title"]);

  const place = (text: string, level: number) => {
    const table = tables.at(-1);
    if (table?.cell) return void (text && table.cell.push(text));
    // A numbered heading may sit in a list; it still heads what follows.
    if (listDepth > 0 && !level) {
      const indent = "  ".repeat(listDepth - 1);
      if (text) listLines.push(itemOpen ? `${indent}- ${text}` : `${indent}  ${text}`);
      itemOpen = false;
      return;
    }
    if (!text) return;
    if (level && listLines.length) {
      blocks.push(listLines.join("\n"));
      listLines = [];
    }
    blocks.push(level ? `${"#".repeat(Math.min(level, 6))} ${headingText(text)}` : bodyText(text));
  };

  for (const token of tokens) {
    if (skipping > 0) {
      if (token.kind === "open") skipping++;
      else if (token.kind === "close") skipping--;
      continue;
    }
    const paragraph = paragraphs.at(-1);
    if (token.kind === "text") {
      if (paragraph) paragraph.text += token.text;
      continue;
    }
    const { name } = token;
    if (token.kind === "open") {
      if (SKIPPED.has(name)) skipping = 1;
      else if (name === "style" && titleStyles.has(token.attributes["style:parent-style-name"] ?? "")) titleStyles.add(token.attributes["style:name"] ?? "");
      else if (name === "p" || name === "h") paragraphs.push({ text: "", level: headingLevel(token, titleStyles), after: [] });
      else if (paragraph && name === "s") paragraph.text += " ".repeat(Math.min(Number(token.attributes["text:c"] ?? 1) || 1, 100));
      else if (paragraph && (name === "tab" || name === "line-break")) paragraph.text += " ";
      else if (name === "list") listDepth++;
      else if (name === "list-item") itemOpen = true;
      else if (name === "table") tables.push({ rows: [], cell: null, repeat: 1 });
      else if (name === "table-row") tables.at(-1)?.rows.push([]);
      else if (name === "table-cell" || name === "covered-table-cell") {
        const table = tables.at(-1);
        if (table) {
          table.cell = [];
          table.repeat = Math.max(1, Number(token.attributes["table:number-columns-repeated"] ?? 1) || 1);
        }
      }
      continue;
    }
    if (name === "p" || name === "h") {
      const done = paragraphs.pop();
      if (!done) continue;
      const text = done.text.replace(/\s+/g, " ").trim();
      const outer = paragraphs.at(-1);
      // A footnote or text box inside a paragraph is read after it.
      if (outer) outer.after.push(text, ...done.after);
      else for (const [i, part] of [text, ...done.after].entries()) place(part, i === 0 ? done.level : 0);
    } else if (name === "list") {
      listDepth = Math.max(0, listDepth - 1);
      if (listDepth === 0 && listLines.length) {
        place(listLines.join("\n"), 0);
        listLines = [];
      }
    } else if (name === "table-cell" || name === "covered-table-cell") {
      const table = tables.at(-1);
      if (table?.cell) {
        const text = table.cell.join(" ");
        const row = table.rows.at(-1);
        if (row) row.push(...Array.from({ length: Math.min(table.repeat, MAX_REPEATED_CELLS) }, () => text));
        table.cell = null;
      }
    } else if (name === "table") {
      const table = tables.pop();
      if (!table) continue;
      const rows = table.rows.filter((row) => row.some(Boolean));
      const markdown = tables.length ? rows.map((row) => row.filter(Boolean).join(", ")).join("; ") : markdownTable(rows);
      // A table nested in another's cell reads as that cell's text.
      if (tables.at(-1)?.cell) tables.at(-1)!.cell!.push(markdown);
      else if (markdown) blocks.push(markdown);
    }
  }
  return blocks;
}

/**
 * A Title paragraph heads the document (`#`), its outline levels under it (Heading 1 as `##`), as a Markdown
 * page's title heads its sections; other paragraphs are no heading (0).
 */
function headingLevel(token: Extract<XmlToken, { kind: "open" }>, titleStyles: Set<string>): number {
  if (token.name === "h") return (Number(token.attributes["text:outline-level"] ?? 1) || 1) + 1;
  return titleStyles.has(token.attributes["text:style-name"] ?? "") ? 1 : 0;
}
