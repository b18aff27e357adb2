import TurndownService from "turndown";
import { decodeEntities } from "./decode-entities.ts";

/** Elements that are never part of what a reader came for, or carry no text at all. */
const DROPPED = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "nav",
  "aside",
  "form",
  "iframe",
  "svg",
  "canvas",
  "object",
  "embed",
  "video",
  "audio",
  "button",
  "select",
  "textarea",
  "title",
  "meta",
  "link",
  "base",
]);

// Inline styles that hide an element: a newsletter's preheader, Outlook's text for other mail programs.
const HIDING_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all)\b/i;

/** An element the reader never sees: the `hidden` attribute, or a style that hides it. */
function isHidden(node: HTMLElement): boolean {
  if (!("getAttribute" in node) || typeof node.getAttribute !== "function") return false;
  return node.hasAttribute("hidden") || HIDING_STYLE.test(node.getAttribute("style") ?? "");
}

/** Sectioning ancestors that make a <header>/<footer> belong to a part of the page, not to the whole site. */
const SECTIONING = "article, aside, main, nav, section";

export interface HtmlToMarkdownOptions {
  /**
   * Whether a short paragraph that is bold throughout counts as a heading (default): it does in Word documents
   * and wikis written without heading styles, not in output of a markup language that has headings of its own.
   */
  boldHeadings?: boolean;
  /**
   * Whether elements hidden by the `hidden` attribute or an inline style are left out (default: kept). In an
   * e-mail they are never seen; on a web page they may be an accordion's answers that a click shows.
   */
  dropHidden?: boolean;
}

const services = new Map<string, TurndownService>();

/**
 * HTML (a page, a fragment, mammoth's output) as Markdown for the heading-aware splitter:
 * ATX headings, `-` bullets, fenced code, pipe tables. Links become their text and images vanish,
 * so URLs and file names do not pollute the full-text index.
 */
export function htmlToMarkdown(html: string, options: HtmlToMarkdownOptions = {}): string {
  const [boldHeadings, dropHidden] = [options.boldHeadings !== false, options.dropHidden === true];
  const key = `${boldHeadings} ${dropHidden}`;
  let service = services.get(key);
  if (!service) services.set(key, (service = createService(boldHeadings, dropHidden)));
  return service
    .turndown(html)
    .replace(/[ \t]+$/gm, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

function createService(boldHeadings: boolean, dropHidden: boolean): TurndownService {
  const turndown = new TurndownService({
    headingStyle: "atx",
    bulletListMarker: "-",
    codeBlockStyle: "fenced",
    emDelimiter: "_",
    strongDelimiter: "**",
  });
  // Compared in lower case: <svg> keeps its case as a foreign element, HTML elements report upper case.
  turndown.remove((node) => DROPPED.has(node.nodeName.toLowerCase()));
  // The site's banner and footer; a <header> inside an article holds that article's own heading, so it stays.
  turndown.remove((node) => (node.nodeName === "HEADER" || node.nodeName === "FOOTER") && !node.parentElement?.closest(SECTIONING));
  turndown.addRule("linkText", { filter: "a", replacement: (content) => content });
  // A heading is one line: a line break in it (a title typed over two lines in Word) would leave its second
  // line as a paragraph, and the title cut short ("Employee Handbook &"). In a table cell, which holds one line
  // of text, a heading (Word's revision tables set their cells in a heading style) is the cell's text, not a
  // "## " that names the passages after the table.
  turndown.addRule("heading", {
    filter: ["h1", "h2", "h3", "h4", "h5", "h6"],
    replacement: (content, node) => {
      if (node.closest("td, th")) return `\n\n${content}\n\n`;
      const text = content.replace(/\s+/g, " ").trim();
      return text ? `\n\n${"#".repeat(Number(node.nodeName.charAt(1)))} ${text}\n\n` : "";
    },
  });
  turndown.addRule("noImages", { filter: ["img", "picture"], replacement: () => "" });
  turndown.addRule("listItem", { filter: "li", replacement: listItem });
  turndown.addRule("wordListParagraph", { filter: (node) => wordListLevel(node) !== null, replacement: wordListItem });
  // Emphasis on part of a word ("j<em>um</em>ped", Word's formatting of a few letters) would split it into
  // "j_um_ped" for search and quoting: there the marks are left out.
  turndown.addRule("emphasis", { filter: ["em", "i"], replacement: (content, node) => emphasized(content, node as HTMLElement, "_") });
  turndown.addRule("strong", { filter: ["strong", "b"], replacement: (content, node) => emphasized(content, node as HTMLElement, "**") });
  if (boldHeadings) {
    turndown.addRule("boldParagraphHeading", { filter: (node) => boldHeadingText(node) !== null, replacement: (_content, node) => boldHeading(node) });
  }
  addTableRules(turndown);
  // Added last, so it comes before every other rule (a hidden paragraph would otherwise be a paragraph).
  if (dropHidden) turndown.addRule("hidden", { filter: isHidden, replacement: () => "" });
  // Turndown backslash-escapes every Markdown character in text; those backslashes would show in snippets
  // and search terms. Only a `#` that would turn a line into a heading for the splitter is escaped.
  turndown.escape = (text) => text.replace(/^(#{1,6}[ \t])/gm, "\\$1");
  return turndown;
}

/**
 * A short paragraph that is bold throughout and does not read as a sentence: the heading of a Word document
 * written without heading styles, or of a wiki page that bolds instead of using headings. As a heading it
 * starts a section of its own and names the passages under it.
 */
function boldHeadingText(node: HTMLElement): string | null {
  if (node.nodeName !== "P" || node.closest("td, th")) return null;
  const parts = Array.from(node.childNodes).filter((child) => child.nodeType === 1 || child.textContent?.trim());
  const only = parts.length === 1 ? parts[0]! : null;
  if (!only || (only.nodeName !== "STRONG" && only.nodeName !== "B")) return null;
  const text = (only.textContent ?? "").replace(/\s+/g, " ").trim().replace(/:$/, "");
  return text.length >= 3 && text.length <= 100 && /\p{L}/u.test(text) && !/[.,;!?]$/.test(text) ? text : null;
}

/** One level below the heading before it (a bold line belongs to its section), `##` when there is none. */
function boldHeading(node: HTMLElement): string {
  const before = headingLevelsBefore(node.ownerDocument).get(node) ?? 0;
  const level = before ? Math.min(6, before + 1) : 2;
  return `\n\n${"#".repeat(level)} ${boldHeadingText(node)}\n\n`;
}

/**
 * Each paragraph's level of the last heading before it (0 for none), found in one walk over the document the
 * first time it is asked: looked up per paragraph, a long Word document without heading styles took minutes.
 */
function headingLevelsBefore(document: Document): Map<Node, number> {
  let levels = HEADING_LEVELS_BEFORE.get(document);
  if (levels) return levels;
  levels = new Map();
  let last = 0;
  const stack: Element[] = document.documentElement ? [document.documentElement] : [];
  while (stack.length) {
    const element = stack.pop()!;
    if (/^H[1-6]$/.test(element.nodeName)) last = Number(element.nodeName[1]);
    else if (element.nodeName === "P") levels.set(element, last);
    for (let child = element.lastElementChild; child; child = child.previousElementSibling) stack.push(child);
  }
  HEADING_LEVELS_BEFORE.set(document, levels);
  return levels;
}
const HEADING_LEVELS_BEFORE = new WeakMap<Document, Map<Node, number>>();

/** Turndown pads list markers to four characters (`-   item`); snippets read better with the usual `- item`. */
function listItem(content: string, node: HTMLElement): string {
  // In a table cell, an item is marked for cellText: text of its own may start with "- " or "1. " too.
  if (node.closest("td, th")) return `\n${CELL_ITEM}${content.trim()}\n`;
  const list = node.parentElement;
  let marker = "-";
  if (list?.nodeName === "OL") {
    const start = Number(list.getAttribute("start") ?? 1);
    marker = `${(Number.isFinite(start) ? start : 1) + positionIn(list, node)}.`;
  }
  const indent = " ".repeat(marker.length + 1);
  const body = content
    .replace(/^\n+/, "")
    .replace(/\n+$/, /\n$/.test(content) ? "\n" : "")
    .replace(/\n/g, `\n${indent}`);
  return `${marker} ${body}${node.nextSibling ? "\n" : ""}`;
}

/**
 * A cell's Markdown on one line: its paragraphs joined by spaces and the items of a list in it by semicolons
 * unless they end as sentences ("Critical issue. The system is down; SLA broken"); as " - " between them, the
 * items read as one run-on sentence with dashes.
 */
function cellText(content: string): string {
  let text = "";
  let inList = false;
  for (const line of content
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)) {
    const item = line.startsWith(CELL_ITEM) ? line.slice(CELL_ITEM.length).trim() : null;
    // Items that are sentences keep their own stops; fragments ("SLA broken") are joined by semicolons.
    if (item !== null && inList) text = /[.!?]$/.test(text) ? `${text} ${item}` : `${text.replace(/[;,]$/, "")}; ${item}`;
    // After a list, the next paragraph starts a sentence of its own.
    else if (inList) text = `${/[.!?:]$/.test(text) ? text : `${text}.`} ${item ?? line}`;
    else text = text ? `${text} ${item ?? line}` : (item ?? line);
    inList = item !== null;
  }
  return text;
}

const CELL_ITEM = "\uE010";

// Looked up once per list and table: asked for each item or row, the answers made long ones quadratic.
const POSITIONS = new WeakMap<Element, Map<Node, number>>();
const FIRST_ROWS = new WeakMap<Element, Element | null>();

function positionIn(list: Element, item: Node): number {
  let positions = POSITIONS.get(list);
  if (!positions) {
    positions = new Map(Array.from(list.children).map((child, i) => [child, i]));
    POSITIONS.set(list, positions);
  }
  return positions.get(item) ?? 0;
}

function firstRow(table: Element | null): Element | null {
  if (!table) return null;
  if (!FIRST_ROWS.has(table)) FIRST_ROWS.set(table, table.querySelector("tr"));
  return FIRST_ROWS.get(table) ?? null;
}

/**
 * Tables as GitHub pipe tables, one row a line: the core of Turndown has no table support and
 * would scatter every cell into its own paragraph, losing which value belongs to which row.
 */
function addTableRules(turndown: TurndownService): void {
  turndown.addRule("tableCell", {
    filter: ["th", "td"],
    replacement: (content) => ` ${cellText(content).replace(/\|/g, "\\|")} |`,
  });
  turndown.addRule("tableRow", {
    filter: "tr",
    replacement: (content, node) => {
      const row = `\n|${content}\n`;
      // The first row is the header row; GitHub tables need the separator line under it.
      if (firstRow(node.closest("table")) !== node) return row;
      const cells = Array.from(node.children).filter((cell) => cell.nodeName === "TH" || cell.nodeName === "TD").length;
      return `${row}|${" --- |".repeat(cells)}\n`;
    },
  });
  turndown.addRule("tableSection", { filter: ["thead", "tbody", "tfoot"], replacement: (content) => content });
  turndown.addRule("table", {
    filter: "table",
    replacement: (content) => `\n\n${content.replace(/\n+/g, "\n").trim()}\n\n`,
  });
  // A table inside a cell reads as that cell's text, its cells joined by semicolons, as in ODT and RTF.
  turndown.addRule("nestedTable", {
    filter: (node) => node.nodeName === "TABLE" && node.parentElement?.closest("td, th") != null,
    replacement: (_content, node) => {
      // Each cell's text with its paragraphs and line breaks apart: textContent would glue "Affairs" to "Agency".
      const own = Array.from((node as HTMLElement).querySelectorAll("td, th")).filter((cell) => cell.closest("table") === node);
      const cells = own.map((cell) =>
        decodeEntities(cell.innerHTML.replace(/<[^>]*>/g, " "))
          .replace(/\s+/g, " ")
          .trim(),
      );
      return ` ${cells.filter(Boolean).join("; ")} `;
    },
  });
}

/**
 * Word's HTML ("Save as web page", Outlook's mail) writes a list item as a paragraph styled `mso-list: l0
 * level2`, its bullet or number typed in a span marked `mso-list: Ignore`: read as a list item at its level.
 */
function wordListLevel(node: HTMLElement): number | null {
  if (node.nodeName !== "P") return null;
  const level = /mso-list:\s*l\d+\s+level(\d+)/i.exec(node.getAttribute("style") ?? "")?.[1];
  return level ? Math.min(Number(level), 9) : null;
}

function wordListItem(content: string, node: TurndownService.Node): string {
  const element = node as HTMLElement;
  const marker = (element.querySelector('[style*="mso-list:Ignore"], [style*="mso-list: Ignore"]')?.textContent ?? "").replace(/[\s\u00a0]+/g, "");
  const text = content.replace(/^[\s\u00a0]+/, "");
  const body = (marker && text.startsWith(marker) ? text.slice(marker.length) : text.replace(/^[·•o§▪\u2013-][\s\u00a0]+/, ""))
    .replace(/^[\s\u00a0]+/, "")
    .trim();
  // A number or letter is kept as the document shows it ("1.", "b)"); a bullet glyph becomes the list's own.
  const label = /^(?:\d+|[a-zA-Z]|[ivxIVX]+)[.)]$/.test(marker) ? marker : "-";
  return `\n${"  ".repeat((wordListLevel(element) ?? 1) - 1)}${label} ${body}\n`;
}

const INLINE = new Set(["EM", "I", "STRONG", "B", "SPAN", "U", "A", "FONT", "SUP", "SUB", "CODE", "MARK", "SMALL"]);

function emphasized(content: string, node: HTMLElement, delimiter: string): string {
  if (!content.trim()) return "";
  const word = /[\p{L}\p{N}]/u;
  const inside = node.textContent ?? "";
  const midWord =
    (word.test(inside.at(0) ?? "") && word.test(textBeside(node, "before").at(-1) ?? "")) ||
    (word.test(inside.at(-1) ?? "") && word.test(textBeside(node, "after").at(0) ?? ""));
  return midWord ? content : `${delimiter}${content}${delimiter}`;
}

/** The text right before or after an element, looking past the inline elements that wrap it. */
function textBeside(node: Node, side: "before" | "after"): string {
  let current: Node | null = node;
  while (current) {
    const sibling: Node | null = side === "before" ? current.previousSibling : current.nextSibling;
    if (sibling) return sibling.textContent ?? "";
    const parent: Node | null = current.parentNode;
    current = parent && INLINE.has(parent.nodeName) ? parent : null;
  }
  return "";
}
