import { markdownTable } from "../../shared/markdown-table.ts";
import { bodyText, headingText, type XmlToken } from "./office-package.ts";

/**
 * What never shows as the document's text, or says nothing about it: comments, deleted text kept for change
 * tracking, generated tables of contents and indexes (they repeat the headings), a footnote's number, and
 * page-number fields.
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
  "note-citation",
  "sequence-decls",
  "variable-decls",
  "user-field-decls",
  "forms",
  "page-number",
  "page-count",
]);
/** A picture's alt text (`svg:title`, `svg:desc`); a `text:title` field in a paragraph shows the document's title. */
const ALT_TEXT = new Set(["title", "desc"]);
const INLINE = new Set(["p", "h", "span", "a"]);
/** A cell repeated to the page's edge would widen every row: repeats are capped (markdownTable drops empty columns). */
const MAX_REPEATED_CELLS = 20;
/** Past this depth a list's items are indented no further: 10,000 nested lists made the output quadratic. */
const MAX_LIST_INDENT = 8;

/** How a list level or an outline level is numbered (`style:num-format`), when it is. */
export interface Numbering {
  format: string;
  prefix: string;
  suffix: string;
  start: number;
  /** For headings: how many levels the number shows ("2.1" shows 2). */
  levels: number;
}

/** Numbered list levels by list style name and level, and the numbered outline levels, from a styles part. */
export interface OdfStyles {
  lists: Map<string, Map<number, Numbering>>;
  outline: Map<number, Numbering>;
}

interface Paragraph {
  text: string;
  /** Its outline level for a heading (`<text:h>`), else 0. */
  level: number;
  /** Paragraphs nested in it (a footnote's, a text box's), read after it. */
  after: string[];
  /** A hidden-paragraph field said it is not shown. */
  hidden: boolean;
}

interface List {
  style: string;
  counter: number;
}

/** Reads the numbered list and outline styles of a part (`styles.xml`). */
export function readOdfStyles(tokens: Iterable<XmlToken>): OdfStyles {
  const styles: OdfStyles = { lists: new Map(), outline: new Map() };
  const read = styleReader(styles);
  for (const token of tokens) read(token);
  return styles;
}

/** Notes each numbered list or outline level a token declares into `styles`, for a reader already walking a part. */
export function styleReader(styles: OdfStyles): (token: XmlToken) => void {
  let listStyle: string | null = null;
  let inOutline = false;
  return (token) => {
    if (token.kind === "close") {
      if (token.name === "list-style") listStyle = null;
      else if (token.name === "outline-style") inOutline = false;
      return;
    }
    if (token.kind !== "open") return;
    const attribute = (key: string) => token.attributes[key] ?? "";
    if (token.name === "list-style") listStyle = attribute("style:name");
    else if (token.name === "outline-style") inOutline = true;
    else if ((token.name === "list-level-style-number" || token.name === "outline-level-style") && attribute("style:num-format")) {
      const numbering: Numbering = {
        format: attribute("style:num-format"),
        prefix: attribute("style:num-prefix"),
        suffix: attribute("style:num-suffix"),
        start: Number(attribute("text:start-value") || 1) || 1,
        levels: Number(attribute("text:display-levels") || 1) || 1,
      };
      const level = Number(attribute("text:level") || 1) || 1;
      if (inOutline) styles.outline.set(level, numbering);
      else if (listStyle) {
        if (!styles.lists.has(listStyle)) styles.lists.set(listStyle, new Map());
        styles.lists.get(listStyle)!.set(level, numbering);
      }
    }
  };
}

/**
 * The text of OpenDocument content (a Writer document's body, a slide's shapes) as Markdown blocks: headings by
 * outline level under a Title paragraph, numbered as the document numbers them, paragraphs, nested lists with
 * their numbers, tables, footnotes and text boxes after the paragraph holding them. Hidden sections,
 * paragraphs and text are left out, and so is a merged cell's leftover content.
 */
export function readOdfText(tokens: Iterable<XmlToken>, stylesPart: OdfStyles = { lists: new Map(), outline: new Map() }): string[] {
  // The content's own (automatic) list styles come before its body and join the styles part's.
  const styles: OdfStyles = { lists: new Map(stylesPart.lists), outline: new Map(stylesPart.outline) };
  const readStyle = styleReader(styles);
  const blocks: string[] = [];
  const paragraphs: Paragraph[] = [];
  const lists: List[] = [];
  let listLines: string[] = [];
  let itemOpen = false;
  let itemStart: number | null = null;
  // Tables: rows of cells, the innermost table being filled; a nested table reads into its cell.
  const tables: Array<{ rows: string[][]; cell: string[] | null; repeat: number }> = [];
  const open: string[] = [];
  let skipping = 0;
  // The Title paragraph style, and the automatic styles (a Title made bold: "P3") derived from it.
  const titleStyles = new Set(["Title"]);
  // Styles that hide text (`text:display="none"`), and the style being read.
  const hiddenStyles = new Set<string>();
  let styleName = "";
  const outlineCounters: number[] = [];

  const place = (text: string, level: number) => {
    const table = tables.at(-1);
    if (table?.cell) return void (text && table.cell.push(text));
    // A numbered heading may sit in a list; it still heads what follows.
    if (lists.length > 0 && !level) {
      const indent = "  ".repeat(Math.min(lists.length - 1, MAX_LIST_INDENT));
      if (text) listLines.push(itemOpen ? `${indent}${itemMarker()} ${text}` : `${indent}  ${text}`);
      itemOpen = false;
      return;
    }
    if (!text) return;
    if (level && listLines.length) {
      blocks.push(listLines.join("\n"));
      listLines = [];
    }
    blocks.push(level ? `${"#".repeat(Math.min(level, 6))} ${headingText(headingNumber(level) + text)}` : bodyText(text));
  };

  /** The item's number as its list style writes it ("2.", "b)"), or a bullet. */
  const itemMarker = (): string => {
    const list = lists.at(-1)!;
    // A nested list names no style of its own: it is a level of the outer list's.
    let style = "";
    for (const candidate of lists) style = candidate.style || style;
    const numbering = styles.lists.get(style)?.get(lists.length);
    if (!numbering) return "-";
    if (itemStart !== null) list.counter = itemStart - 1;
    list.counter = (list.counter || numbering.start - 1) + 1;
    return `${numbering.prefix}${formatNumber(list.counter, numbering.format)}${numbering.suffix || "."}`;
  };

  /** "2.1 " for a heading the outline style numbers; Title paragraphs (level 1) and unnumbered levels get none. */
  const headingNumber = (level: number): string => {
    const outlineLevel = level - 1;
    const numbering = styles.outline.get(outlineLevel);
    if (outlineLevel < 1) return "";
    outlineCounters.length = outlineLevel;
    outlineCounters[outlineLevel - 1] = (outlineCounters[outlineLevel - 1] ?? (numbering?.start ?? 1) - 1) + 1;
    if (!numbering) return "";
    const shown: string[] = [];
    for (let l = Math.max(1, outlineLevel - numbering.levels + 1); l <= outlineLevel; l++) {
      shown.push(formatNumber(outlineCounters[l - 1] ?? 1, styles.outline.get(l)?.format ?? "1"));
    }
    return `${numbering.prefix}${shown.join(".")}${numbering.suffix} `;
  };

  const closeParagraph = () => {
    const done = paragraphs.pop();
    if (!done || done.hidden) return;
    const text = done.text.replace(/\s+/g, " ").trim();
    const outer = paragraphs.at(-1);
    // A footnote or text box inside a paragraph is read after it.
    if (outer) outer.after.push(text, ...done.after);
    else for (const [i, part] of [text, ...done.after].entries()) place(part, i === 0 ? done.level : 0);
  };

  const closeList = () => {
    lists.pop();
    if (lists.length === 0 && listLines.length) {
      place(listLines.join("\n"), 0);
      listLines = [];
    }
  };

  const closeTable = () => {
    const table = tables.pop();
    if (!table) return;
    const rows = table.rows.filter((row) => row.some(Boolean));
    const markdown = tables.length ? rows.map((row) => row.filter(Boolean).join(", ")).join("; ") : markdownTable(rows);
    // A table nested in another's cell reads as that cell's text.
    if (tables.at(-1)?.cell) tables.at(-1)!.cell!.push(markdown);
    else if (markdown && lists.length) listLines.push(markdown);
    else if (markdown) blocks.push(markdown);
  };

  const closeCell = () => {
    const table = tables.at(-1);
    if (!table?.cell) return;
    const text = table.cell.join(" ");
    table.rows.at(-1)?.push(...Array.from({ length: Math.min(table.repeat, MAX_REPEATED_CELLS) }, () => text));
    table.cell = null;
  };

  for (const token of tokens) {
    readStyle(token);
    if (skipping > 0) {
      if (token.kind === "open") skipping++;
      else if (token.kind === "close") skipping--;
      continue;
    }
    const paragraph = paragraphs.at(-1);
    if (token.kind === "text") {
      // Soft hyphens and zero-width spaces would split a word in the index ("infor­mation").
      if (paragraph) paragraph.text += token.text.replace(/[\u00ad\u200b]/g, "");
      continue;
    }
    const { name } = token;
    if (token.kind === "close") {
      open.pop();
      if (name === "p" || name === "h") closeParagraph();
      else if (name === "list") closeList();
      else if (name === "table-cell") closeCell();
      else if (name === "table") closeTable();
      continue;
    }
    const attribute = (key: string) => token.attributes[key] ?? "";
    const parent = open.at(-1) ?? "";
    const hides =
      SKIPPED.has(name) ||
      (ALT_TEXT.has(name) && !INLINE.has(parent)) ||
      hiddenStyles.has(attribute("text:style-name")) ||
      (name === "section" && attribute("text:display") === "none") ||
      (name === "hidden-text" && attribute("text:is-hidden") === "true");
    if (hides || name === "covered-table-cell") {
      // A merged-away cell keeps its place in the row, but LibreOffice shows none of what it still holds.
      if (name === "covered-table-cell")
        tables
          .at(-1)
          ?.rows.at(-1)
          ?.push(...Array.from({ length: repeatOf(attribute("table:number-columns-repeated")) }, () => ""));
      skipping = 1;
      continue;
    }
    open.push(name);
    if (name === "style") {
      styleName = attribute("style:name");
      if (titleStyles.has(attribute("style:parent-style-name"))) titleStyles.add(styleName);
    } else if (name === "text-properties" && attribute("text:display") === "none") hiddenStyles.add(styleName);
    else if (name === "p" || name === "h") paragraphs.push({ text: "", level: headingLevel(token, titleStyles), after: [], hidden: false });
    else if (paragraph && name === "hidden-paragraph" && attribute("text:is-hidden") === "true") paragraph.hidden = true;
    else if (paragraph && name === "s") paragraph.text += " ";
    else if (paragraph && (name === "tab" || name === "line-break")) paragraph.text += " ";
    else if (name === "list") {
      const continues = attribute("text:continue-numbering") === "true" ? (lists.at(-1)?.counter ?? 0) : 0;
      lists.push({ style: attribute("text:style-name"), counter: continues });
    } else if (name === "list-item" || name === "list-header") {
      itemOpen = name === "list-item";
      itemStart = attribute("text:start-value") ? Number(attribute("text:start-value")) || null : null;
    } else if (name === "table") tables.push({ rows: [], cell: null, repeat: 1 });
    else if (name === "table-row") tables.at(-1)?.rows.push([]);
    else if (name === "table-cell") {
      const table = tables.at(-1);
      if (table) {
        table.cell = [];
        table.repeat = repeatOf(attribute("table:number-columns-repeated"));
      }
    }
  }
  // A part cut short (unclosed elements) still gives what it holds.
  while (paragraphs.length) closeParagraph();
  while (tables.length) {
    closeCell();
    closeTable();
  }
  while (lists.length) closeList();
  return blocks;
}

/** A `number-columns-repeated` or `number-rows-repeated` count; absent or malformed, 1. */
export function repeatOf(value: string): number {
  return Math.max(1, Number(value || 1) || 1);
}

/**
 * A Title paragraph heads the document (`#`), its outline levels under it (Heading 1 as `##`), as a Markdown
 * page's title heads its sections; other paragraphs are no heading (0).
 */
function headingLevel(token: Extract<XmlToken, { kind: "open" }>, titleStyles: Set<string>): number {
  if (token.name === "h") return (Number(token.attributes["text:outline-level"] ?? 1) || 1) + 1;
  return titleStyles.has(token.attributes["text:style-name"] ?? "") ? 1 : 0;
}

/** A number as `style:num-format` writes it: "1", "a", "A", "i" or "I". */
export function formatNumber(value: number, format: string): string {
  if (format === "a" || format === "A") {
    let letters = "";
    for (let n = value; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(97 + ((n - 1) % 26)) + letters;
    return format === "A" ? letters.toUpperCase() : letters;
  }
  if (format === "i" || format === "I") {
    const numerals: Array<[number, string]> = [
      [1000, "m"],
      [900, "cm"],
      [500, "d"],
      [400, "cd"],
      [100, "c"],
      [90, "xc"],
      [50, "l"],
      [40, "xl"],
      [10, "x"],
      [9, "ix"],
      [5, "v"],
      [4, "iv"],
      [1, "i"],
    ];
    let roman = "";
    let n = value;
    for (const [amount, numeral] of numerals) for (; n >= amount; n -= amount) roman += numeral;
    return format === "I" ? roman.toUpperCase() : roman;
  }
  return String(value);
}
