import type { RtfBlock, RtfRun } from "./rtf-paragraphs.ts";

type Paragraph = Extract<RtfBlock, { kind: "paragraph" }>;

/**
 * An RTF document's paragraphs as HTML for the shared HTML-to-Markdown conversion: headings, nested lists
 * (numbered as the document shows them), tables (a cell's paragraphs on lines of their own), and paragraphs
 * with their bold and italic runs, so a bold line standing alone can read as a heading as it does in Word.
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
      cell.push(`${block.marker ? `${escapeHtml(block.marker)} ` : ""}${runsHtml(block.runs)}`);
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

/** Consecutive list items as nested lists, each level opened inside the item before it. */
function listHtml(items: readonly Paragraph[]): string {
  let html = "";
  const open: { level: number; tag: string }[] = [];
  for (const item of items) {
    const level = item.listLevel ?? 0;
    const numbered = /^(\d+)[.)]$/.exec(item.marker);
    const tag = numbered ? "ol" : "ul";
    while (open.length > 0 && (open.at(-1)!.level > level || (open.at(-1)!.level === level && open.at(-1)!.tag !== tag))) {
      html += `</li></${open.pop()!.tag}>`;
    }
    if (open.at(-1)?.level === level) html += "</li><li>";
    else {
      open.push({ level, tag });
      html += `<${tag}${numbered ? ` start="${numbered[1]}"` : ""}><li>`;
    }
    // A letter or roman numeral is kept as shown ("b) …"); a bullet glyph is the list's own marker.
    const label = !numbered && /[0-9a-zA-Z]/.test(item.marker) ? `${escapeHtml(item.marker)} ` : "";
    html += label + runsHtml(item.runs);
  }
  while (open.length > 0) html += `</li></${open.pop()!.tag}>`;
  return html;
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
      const italic = run.italic ? `<em>${text}</em>` : text;
      return run.bold ? `<strong>${italic}</strong>` : italic;
    })
    .join("");
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
