import { escapeHtml } from "./decode-entities.ts";
import type { RtfBlock, RtfRun } from "./rtf-paragraphs.ts";

type Paragraph = Extract<RtfBlock, { kind: "paragraph" }>;

/**
 * An RTF document's paragraphs as HTML for the shared HTML-to-Markdown conversion: headings, nested lists
 * (numbered as the document shows them), tables (a cell's paragraphs on lines of their own), and paragraphs
 * with their bold runs, so a bold line standing alone can read as a heading as it does in Word.
 */
export function rtfBlocksToHtml(blocks: readonly RtfBlock[]): string {
  const html: string[] = [];
  let items: Paragraph[] = [];
  let rows: string[][] = [];
  let row: string[] = [];
  let cell: string[] = [];
  let deferred: Paragraph[] = [];

  const closeList = () => {
    if (items.length > 0) html.push(listHtml(items));
    items = [];
  };
  const closeTable = () => {
    if (cell.length > 0) row.push(cell.join("<br>"));
    if (row.length > 0) rows.push(row);
    if (rows.length > 0) html.push(tableHtml(rows));
    [rows, row, cell] = [[], [], []];
    const asides = deferred;
    deferred = [];
    for (const aside of asides) addParagraph(aside);
  };
  const addParagraph = (paragraph: Paragraph) => {
    if (paragraph.listLevel !== null && paragraph.heading === null) {
      items.push(paragraph);
      return;
    }
    closeList();
    if (paragraph.heading === null) html.push(`<p>${runsHtml(paragraph.runs)}</p>`);
    else {
      // A heading style is usually bold; its emphasis says nothing.
      const level = Math.min(paragraph.heading + 1, 6);
      const text = escapeHtml(paragraph.runs.map((run) => run.text).join(""));
      html.push(`<h${level}>${paragraph.marker ? `${escapeHtml(paragraph.marker)} ` : ""}${text}</h${level}>`);
    }
  };

  for (const block of blocks) {
    if (block.kind === "cell") {
      row.push(cell.join("<br>"));
      cell = [];
    } else if (block.kind === "row") {
      if (cell.length > 0) row.push(cell.join("<br>"));
      if (row.length > 0) rows.push(row);
      [row, cell] = [[], []];
    } else if (block.inTable) {
      closeList();
      // A header row set in bold says nothing a table's header does not.
      cell.push(escapeHtml(`${block.marker ? `${block.marker} ` : ""}${block.runs.map((run) => run.text).join("")}`));
    } else if (block.aside && (rows.length > 0 || row.length > 0 || cell.length > 0)) {
      deferred.push(block);
    } else {
      if (rows.length > 0 || row.length > 0 || cell.length > 0) closeTable();
      addParagraph(block);
    }
  }
  closeTable();
  closeList();
  return html.join("\n");
}

/**
 * Consecutive list items as nested lists, each level opened inside the item before it. A numbered list keeps
 * the document's numbers: an item that does not follow on from the one before starts a list of its own.
 */
function listHtml(items: readonly Paragraph[]): string {
  let html = "";
  const open: { level: number; tag: string; next: number }[] = [];
  for (const item of items) {
    const level = item.listLevel ?? 0;
    const numbered = /^(\d+)[.)]$/.exec(item.marker);
    const number = numbered ? Number(numbered[1]) : 0;
    const tag = numbered ? "ol" : "ul";
    const closes = (list: { level: number; tag: string; next: number }) =>
      list.level > level || (list.level === level && (list.tag !== tag || (numbered !== null && list.next !== number)));
    while (open.length > 0 && closes(open.at(-1)!)) html += `</li></${open.pop()!.tag}>`;
    if (open.at(-1)?.level === level) html += "</li><li>";
    else {
      open.push({ level, tag, next: number });
      html += `<${tag}${numbered ? ` start="${number}"` : ""}><li>`;
    }
    open.at(-1)!.next = number + 1;
    html += labelHtml(item.marker, numbered !== null) + runsHtml(item.runs);
  }
  while (open.length > 0) html += `</li></${open.pop()!.tag}>`;
  return html;
}

/**
 * A letter or roman numeral is kept as shown ("b) …", "iv. …"); a bullet is the list's own marker, and so is a
 * lone letter: Word's second-level "o" in Courier, Wingdings' "v" and "q" are bullets drawn from a font.
 */
function labelHtml(marker: string, numbered: boolean): string {
  const labelled = !numbered && (/\d/.test(marker) || /^\(?[a-zA-Z]{1,5}[.)]$/.test(marker));
  return labelled ? `${escapeHtml(marker)} ` : "";
}

function tableHtml(rows: readonly string[][]): string {
  const [header, ...body] = rows;
  const cells = (row: readonly string[], tag: string) => row.map((cell) => `<${tag}>${cell}</${tag}>`).join("");
  return `<table><thead><tr>${cells(header!, "th")}</tr></thead><tbody>${body.map((row) => `<tr>${cells(row, "td")}</tr>`).join("")}</tbody></table>`;
}

function runsHtml(runs: readonly RtfRun[]): string {
  return runs
    .map((run) => {
      const text = escapeHtml(run.text.replace(/\t/g, " ")).replace(/\n/g, "<br>");
      if (!run.text.trim()) return text;
      return run.bold ? `<strong>${text}</strong>` : text;
    })
    .join("");
}
