import { markdownTable } from "../../shared/markdown-table.ts";
import { fencedCode } from "./fenced-code.ts";
import { htmlToMarkdown } from "./html-to-markdown.ts";
import { parseDelimited } from "./parse-delimited.ts";
import { rstInline, type InlineContext } from "./rst-inline.ts";
import { isGridTableStart, isSimpleTableStart, readGridTable, readSimpleTable } from "./rst-tables.ts";
import { withRunInTitle } from "./with-run-in-title.ts";
import { ADMONITIONS, CODE, CONTAINERS, HIDDEN, TITLED_CONTENT, versionNote, VERSION_NOTES } from "./directive-kinds.ts";

/**
 * reStructuredText (Sphinx, Read the Docs, docutils) as Markdown, for the same heading-aware splitting as
 * every other page: section titles become `#` headings by the order their adornment styles first appear,
 * directives read as Sphinx renders them (call-outs as their text, code blocks fenced, list and CSV tables as
 * tables), and what never shows on the page (comments, targets, toctrees, images, options) is left out.
 * What the converter does not know keeps its text: a page losing a paragraph is worse than a stray word.
 */
export interface RstDocument {
  markdown: string;
  /** From `.. meta::` `:keywords:` and `:description:`. */
  keywords: string;
}

interface Context extends InlineContext {
  /** How deep the block being read is nested (quotes, list items, directives); past MAX_DEPTH it is read as text. */
  depth: number;
  /** Adornment styles in the order they first appear: a style's index is its heading level. */
  headingStyles: string[];
  meta: string[];
}

const ADORNMENT = /^([!-/:-@[-`{-~])\1{2,}\s*$/;
const BULLET = /^([-*+•‣⁃])(?: +|$)/;
const ENUMERATOR = /^(?:\d+|#|[A-Za-z]|[ivxlcdm]+|[IVXLCDM]+)[.)](?: +|$)|^\((?:\d+|#|[A-Za-z])\)(?: +|$)/;
const EXPLICIT = /^\.\.(?: |$)/;
const DIRECTIVE = /^\.\. +([\w:.+-]+)::(?: +(.*))?$/;
const SUBSTITUTION_DEFINITION = /^\.\. +\|([^|]+)\| +([\w:.+-]+)::(?: +(.*))?$/;
const LABEL = /^\.\. +_([^:`]+|`[^`]+`):\s*$/;
const FIELD = /^:((?:[^:`\\]|\\.)+):(?: +(.*)|$)/;

export function rstToMarkdown(source: string): RstDocument {
  const lines = expandTabs(source.replace(/^\uFEFF/, ""))
    .split(/\r\n?|\n/)
    .map((line) => line.trimEnd());
  const context: Context = { headingStyles: [], meta: [], depth: 0, ...collectDefinitions(lines) };
  const markdown = convertBlocks(dropLeadingFields(lines), context).join("\n\n");
  return { markdown, keywords: context.meta.join(" ") };
}

/** Tabs stop every 8 columns, as docutils reads them. */
function expandTabs(text: string): string {
  return text.replace(/^[^\n\t]*\t[^\n]*$/gm, (line) => {
    let out = "";
    for (const char of line) out += char === "\t" ? " ".repeat(8 - (out.length % 8)) : char;
    return out;
  });
}

/** Sphinx takes a field list at the very top (`:orphan:`, `:tocdepth: 2`) as file metadata, never shown. */
function dropLeadingFields(lines: string[]): string[] {
  let i = 0;
  while (i < lines.length && !lines[i]!.trim()) i++;
  if (!FIELD.test(lines[i] ?? "")) return lines;
  while (i < lines.length && (FIELD.test(lines[i]!) || /^\s+\S/.test(lines[i]!))) i++;
  return lines.slice(i);
}

/** Substitutions (`.. |name| replace:: text`) and which section each `.. _label:` marks, from anywhere in the file. */
function collectDefinitions(lines: string[]): InlineContext {
  const substitutions = new Map<string, string>();
  const sectionTitles = new Map<string, string>();
  const empty: InlineContext = { substitutions, sectionTitles };
  for (let i = 0; i < lines.length; i++) {
    const definition = SUBSTITUTION_DEFINITION.exec(lines[i]!);
    if (definition && /^(?:replace|unicode)$/.test(definition[2]!)) {
      const text = [definition[3] ?? "", ...indentedBlock(lines, i + 1).lines].join(" ").replace(/\s+/g, " ").trim();
      substitutions.set(definition[1]!, definition[2] === "unicode" ? unicodeText(text) : rstInline(text, empty));
    }
    if (!LABEL.test(lines[i]!)) continue;
    // Labels stacked over one section all name it; the run is read once.
    const labels: string[] = [];
    let next = i;
    for (; next < lines.length && (!lines[next]!.trim() || LABEL.test(lines[next]!)); next++) {
      const label = LABEL.exec(lines[next]!);
      if (label) labels.push(label[1]!.replace(/`/g, "").trim().toLowerCase());
    }
    const title = sectionTitleAt(lines, next);
    if (title) for (const label of labels) sectionTitles.set(label, rstInline(title.text, empty));
    i = next - 1;
  }
  return { substitutions, sectionTitles };
}

function unicodeText(codes: string): string {
  // A comment may follow the codes: ".. |copy| unicode:: 0xA9 .. copyright sign".
  return codes.replace(/\s\.\.\s.*$/, "").replace(/(?:0x|U\+|\\x|\\u|&#x)([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)));
}

interface SectionTitle {
  text: string;
  style: string;
  /** Lines the title and its adornment take. */
  length: number;
}

function sectionTitleAt(lines: readonly string[], i: number): SectionTitle | null {
  const line = lines[i] ?? "";
  const over = ADORNMENT.exec(line);
  if (over) {
    const text = lines[i + 1] ?? "";
    const under = ADORNMENT.exec(lines[i + 2] ?? "");
    if (text.trim() && !ADORNMENT.test(text) && under && under[1] === over[1]) return { text: text.trim(), style: `over${over[1]}`, length: 3 };
    return null;
  }
  if (!line.trim() || /^\s/.test(line)) return null;
  const under = ADORNMENT.exec(lines[i + 1] ?? "");
  // docutils warns on an underline shorter than its title but still makes it one; a short rule under a long line is not.
  if (under && lines[i + 1]!.trim().length >= Math.min(line.length, 4)) return { text: line.trim(), style: under[1]!, length: 2 };
  return null;
}

/**
 * The lines indented under line `start - 1` (blank lines between them included), dedented: by `column` when
 * the block's text starts there (a list item's), else by its least indented line.
 */
function indentedBlock(lines: readonly string[], start: number, column?: number): { lines: string[]; end: number } {
  let end = start;
  let last = start;
  while (end < lines.length && (!lines[end]!.trim() || indentOf(lines[end]!) >= (column ?? 1))) {
    if (lines[end]!.trim()) last = end + 1;
    end++;
  }
  const block = lines.slice(start, last);
  return { lines: column === undefined ? dedent(block) : block.map((line) => line.slice(column)), end: last };
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

function dedent(lines: string[]): string[] {
  let depth = Number.POSITIVE_INFINITY;
  for (const line of lines) if (line.trim()) depth = Math.min(depth, indentOf(line));
  return Number.isFinite(depth) ? lines.map((line) => line.slice(depth)) : lines;
}

// Nesting deeper than any page does (a line of 5,000 "- " markers) would exhaust the stack.
const MAX_DEPTH = 40;

function convertBlocks(lines: readonly string[], outer: Context): string[] {
  // Heading styles and meta stay shared with the caller: they belong to the whole page.
  const context: Context = { ...outer, depth: outer.depth + 1 };
  if (context.depth > MAX_DEPTH)
    return [
      escapeBlockStarts(
        lines
          .map((line) => line.trim())
          .filter(Boolean)
          .join("\n"),
      ),
    ];
  const blocks: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (!line.trim()) {
      i++;
      continue;
    }
    // Text indented more than its context is a block quote: its content reads as any other.
    if (/^\s/.test(line)) {
      const quote = indentedBlock(lines, i);
      blocks.push(...convertBlocks(quote.lines, context));
      i = quote.end;
      continue;
    }
    const title = sectionTitleAt(lines, i);
    if (title) {
      if (!context.headingStyles.includes(title.style)) context.headingStyles.push(title.style);
      const level = Math.min(context.headingStyles.indexOf(title.style) + 1, 6);
      blocks.push(`${"#".repeat(level)} ${rstInline(title.text, context)}`);
      i += title.length;
      continue;
    }
    // A transition (a lone rule between paragraphs) draws a line, nothing to read.
    if (ADORNMENT.test(line)) {
      i++;
      continue;
    }
    // "__ https://…" is an anonymous link's target, shown nowhere.
    if (/^__ +\S/.test(line)) {
      i = indentedBlock(lines, i + 1).end;
      continue;
    }
    if (EXPLICIT.test(line)) {
      i = explicitMarkup(lines, i, context, blocks);
      continue;
    }
    if (isGridTableStart(line)) {
      const table = readGridTable(lines, i);
      blocks.push(tableMarkdown(table.rows, context));
      i = table.end;
      continue;
    }
    if (isSimpleTableStart(line)) {
      const table = readSimpleTable(lines, i);
      blocks.push(tableMarkdown(table.rows, context));
      i = table.end;
      continue;
    }
    if (BULLET.test(line) || isEnumeratedItem(lines, i)) {
      i = list(lines, i, context, blocks);
      continue;
    }
    if (line.startsWith(">>> ")) {
      let end = i;
      while (end < lines.length && lines[end]!.trim()) end++;
      blocks.push(fenced(lines.slice(i, end), "pycon"));
      i = end;
      continue;
    }
    if (/^\|(?: |$)/.test(line)) {
      let end = i;
      while (end < lines.length && (/^\|(?: |$)/.test(lines[end]!) || /^ +\S/.test(lines[end]!))) end++;
      const lineBlock = lines.slice(i, end).map((l) => rstInline(l.replace(/^\| ?/, "").trim(), context));
      blocks.push(escapeBlockStarts(lineBlock.join("\n")));
      i = end;
      continue;
    }
    const field = FIELD.exec(line);
    if (field) {
      const body = indentedBlock(lines, i + 1);
      const text = [field[2] ?? "", ...body.lines].join("\n").trim();
      blocks.push(withRunInTitle(rstInline(field[1]!, context), convertBlocks(text.split("\n"), context).join("\n\n")));
      i = body.end > i + 1 ? body.end : i + 1;
      continue;
    }
    // A line with text indented under it and no blank line between is a definition list's term.
    if (lines[i + 1] && /^\s+\S/.test(lines[i + 1]!)) {
      const definition = indentedBlock(lines, i + 1);
      const term = rstInline(line.replace(/ +: +.*$/, ""), context);
      blocks.push(withRunInTitle(term, convertBlocks(definition.lines, context).join("\n\n")));
      i = definition.end;
      continue;
    }
    i = paragraph(lines, i, context, blocks);
  }
  return blocks;
}

function paragraph(lines: readonly string[], start: number, context: Context, blocks: string[]): number {
  let end = start;
  while (end < lines.length && lines[end]!.trim() && !/^\s/.test(lines[end]!)) end++;
  let text = lines.slice(start, end).join("\n");
  const literal = /::$/.test(text);
  // "Run::" shows as "Run:", and a lone "::" or "text ::" only announces the literal block.
  if (literal) text = text.replace(/(^|\s)::$/, "").replace(/::$/, ":");
  if (text.trim()) blocks.push(escapeBlockStarts(rstInline(text, context)));
  if (!literal) return end;
  let next = end;
  while (next < lines.length && !lines[next]!.trim()) next++;
  if (next < lines.length && /^\s/.test(lines[next]!)) {
    const block = indentedBlock(lines, next);
    blocks.push(fenced(block.lines, ""));
    return block.end;
  }
  // A quoted literal block: unindented lines all starting with the same punctuation ("> ").
  const quote = /^[!-/:-@[-`{-~]/.exec(lines[next] ?? "")?.[0];
  if (quote === undefined) return next;
  let quoteEnd = next;
  while (quoteEnd < lines.length && lines[quoteEnd]!.startsWith(quote)) quoteEnd++;
  blocks.push(fenced(lines.slice(next, quoteEnd), ""));
  return quoteEnd;
}

/** A paragraph line that Markdown would read as a heading, list or quote keeps reading as text. */
function escapeBlockStarts(markdown: string): string {
  return markdown.replace(/^(#{1,6}(?= |$)|>|[-+*](?= ))/gm, "\\$1").replace(/^(\d+)([.)])(?= )/gm, "$1\\$2");
}

function isEnumeratedItem(lines: readonly string[], i: number): boolean {
  const line = lines[i]!;
  if (!ENUMERATOR.test(line)) return false;
  // "A. Lincoln said…" is a paragraph: an item is followed by a blank line, an indented line or another item.
  const next = lines[i + 1];
  return next === undefined || !next.trim() || /^\s/.test(next) || ENUMERATOR.test(next);
}

function list(lines: readonly string[], start: number, context: Context, blocks: string[]): number {
  const items: string[] = [];
  let i = start;
  const bullet = BULLET.exec(lines[start]!)?.[1];
  let number = 1;
  while (i < lines.length) {
    const line = lines[i]!;
    const marker = bullet !== undefined ? BULLET.exec(line) : isEnumeratedItem(lines, i) ? ENUMERATOR.exec(line) : null;
    if (!marker || (bullet !== undefined && marker[1] !== bullet)) break;
    // The item's text starts after its marker, or on the next line when the marker stands alone.
    const column = marker[0].length === line.length ? indentOf(lines[i + 1] ?? "") || 2 : marker[0].length;
    const body = indentedBlock(lines, i + 1, column);
    const content = convertBlocks([line.slice(marker[0].length), ...body.lines], context);
    // Numbers stay as written: a comment between steps 5 and 6 splits the list in two.
    const written = /\d+/.exec(marker[0])?.[0];
    if (written) number = Number(written);
    const prefix = bullet !== undefined ? "- " : `${number++}. `;
    const text = content
      .join("\n\n")
      .split("\n")
      .map((l, n) => (n === 0 || !l ? l : " ".repeat(prefix.length) + l))
      .join("\n");
    items.push(prefix + text);
    i = body.end > i + 1 ? body.end : i + 1;
    while (i < lines.length && !lines[i]!.trim()) i++;
  }
  blocks.push(items.join(items.some((item) => item.includes("\n\n")) ? "\n\n" : "\n"));
  return i;
}

function explicitMarkup(lines: readonly string[], start: number, context: Context, blocks: string[]): number {
  const line = lines[start]!;
  const directive = DIRECTIVE.exec(line);
  // An empty comment ("..", then a blank line) ends what came before and comments out nothing after it.
  if (line === ".." && !lines[start + 1]?.trim()) return start + 1;
  const body = indentedBlock(lines, start + 1);
  if (!directive) {
    // A footnote or citation keeps its text; comments, targets and substitution definitions show nothing.
    const footnote = /^\.\. +\[([^\]]+)\](?: +(.*))?$/.exec(line);
    if (footnote) {
      const label = /^(?:#.*|\*)$/.test(footnote[1]!) ? "" : `[${footnote[1]}] `;
      const text = convertBlocks([footnote[2] ?? "", ...body.lines], context).join("\n\n");
      if (text) blocks.push(label + text);
    }
    return body.end;
  }
  const name = directive[1]!.toLowerCase();
  const argument = directive[2] ?? "";
  // Options (":linenos:", ":caption: Installing") come first; the content follows a blank line.
  let contentStart = 0;
  const options = new Map<string, string>();
  const argumentLines: string[] = [argument];
  while (contentStart < body.lines.length && body.lines[contentStart]!.trim()) {
    const option = FIELD.exec(body.lines[contentStart]!);
    if (option) options.set(option[1]!.toLowerCase(), option[2] ?? "");
    // An argument may go on under its line; with none on the marker line, what follows is the content.
    else if (options.size === 0 && argument.trim()) argumentLines.push(body.lines[contentStart]!);
    else break;
    contentStart++;
  }
  const content = body.lines.slice(contentStart);
  const argumentText = argumentLines.join(" ").trim();
  const convert = (text: readonly string[]) => convertBlocks(text, context).join("\n\n");
  if (HIDDEN.has(name)) return body.end;
  if (name === "meta") {
    context.meta.push(...["keywords", "description"].map((key) => options.get(key) ?? "").filter(Boolean));
  } else if (CODE.has(name)) {
    if (content.some((l) => l.trim())) blocks.push(fenced(content, name === "math" ? "" : argument.trim()));
  } else if (name === "raw") {
    if (/\bhtml\b/i.test(argument)) blocks.push(htmlToMarkdown(content.join("\n")));
  } else if (name in VERSION_NOTES) {
    const [version = "", ...rest] = argumentText.split(/\s+/);
    const text = convert([rest.join(" "), ...content]);
    blocks.push(versionNote(name, version, text));
  } else if (name === "rubric") {
    blocks.push(`**${rstInline(argumentText, context)}**`);
  } else if (name === "list-table") {
    blocks.push(withRunInTitle(rstInline(argumentText, context), markdownTable(listTableRows(content, context))));
  } else if (name === "csv-table") {
    const delimiter = { tab: "\t", space: " " }[options.get("delim") ?? ""] ?? options.get("delim") ?? ",";
    const rows = [...csvRows(options.get("header") ?? "", ","), ...csvRows(content.join("\n"), delimiter)];
    if (rows.length) blocks.push(withRunInTitle(rstInline(argumentText, context), tableMarkdown(rows, context)));
  } else if (TITLED_CONTENT.has(name)) {
    const text = convert(content);
    const title = rstInline(argumentText, context);
    if (text || title) blocks.push(withRunInTitle(title, text));
  } else if (ADMONITIONS.has(name) || CONTAINERS.has(name) || name.startsWith("auto")) {
    // An admonition's text may start on its marker line: ".. note:: Run make first."
    const text = convert(ADMONITIONS.has(name) ? [...argumentLines, "", ...content] : content);
    if (text) blocks.push(text);
  } else {
    // Unknown or domain directives (".. function:: spam(eggs)", ".. option:: -v"): the signature, then the text.
    // A signature holding markup (a role, a link) reads as text; a plain one as the code it is.
    const signature = /[`|*]/.test(argumentText) ? rstInline(argumentText, context) : argumentText ? `\`${argumentText}\`` : "";
    const text = convert(content);
    if (signature || text) blocks.push(withRunInTitle(signature, text));
  }
  return body.end;
}

/** A csv-table's rows: docutils skips the spaces after a separator (`"up to 500", "Your manager"`). */
function csvRows(text: string, delimiter: string): string[][] {
  const tight = text
    .split("\n")
    .map((line) => line.trim().replace(new RegExp(`${escapeRegExp(delimiter)}\\s+"`, "g"), `${delimiter}"`))
    .join("\n");
  return tight.trim() ? parseDelimited(tight, delimiter).map((row) => row.map((cell) => cell.trim())) : [];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** `.. list-table::`: a bullet list of rows, each a bullet list of cells. */
function listTableRows(lines: readonly string[], context: Context): string[][] {
  const rows: string[][] = [];
  for (const row of itemsOf(lines)) rows.push(itemsOf(row).map((cell) => convertBlocks(cell, context).join(" ").replace(/\n+/g, " ")));
  return rows;
}

/** The bodies of a bullet list's items, each dedented to its text. */
function itemsOf(lines: readonly string[]): string[][] {
  const items: string[][] = [];
  for (const line of lines) {
    const marker = BULLET.exec(line);
    if (marker) items.push([line.slice(marker[0].length)]);
    else items.at(-1)?.push(line.slice(Math.min(indentOf(line), 2)));
  }
  return items.map(dedentAfterFirst);
}

function dedentAfterFirst(lines: string[]): string[] {
  const [first = "", ...rest] = lines;
  return [first, ...dedent(rest)];
}

function tableMarkdown(rows: string[][], context: Context): string {
  return markdownTable(rows.map((row) => row.map((cell) => rstInline(cell, context).replace(/\n+/g, " "))));
}

function fenced(lines: readonly string[], language: string): string {
  return fencedCode(dedent([...lines]).join("\n"), language);
}
