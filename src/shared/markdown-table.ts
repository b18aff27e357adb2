/** A Markdown table row: `| cell | cell |`. */
export function isTableRow(line: string): boolean {
  return /^\|.*\|$/.test(line.trim());
}

/** The line under a table's header row: `| --- | :---: |`. Trimmed first, so a long indent costs no backtracking. */
export function isTableSeparator(line: string | undefined): boolean {
  return line !== undefined && /^\|?\s*:?-{3,}/.test(line.trimStart());
}

/**
 * Tables written the one way Docent reads them: each row between outer bars, and dashes three wide under the
 * first. GitHub also takes a table whose rows leave out the outer bars ("Name | Value" over "--- | ---", a row
 * whose last cell ends the line) and one dash per column under the first row ("|-|-|"); read as prose, such a
 * row ran on into the next one. A table is a row with a bar, a separator of as many cells under it, and the
 * lines with a bar that follow; a row of dashes further down is data. Rows already between bars are left as
 * they are.
 */
export function withTablesPiped(markdown: string): string {
  const lines = markdown.split("\n");
  for (let i = 0; i + 1 < lines.length; i++) {
    const separator = lines[i + 1]!;
    if (!hasBar(lines[i]!) || !hasBar(separator)) continue;
    const cells = tableCells(separator);
    if (!cells.every((cell) => /^:?-+:?$/.test(cell)) || cells.length !== tableCells(lines[i]!).length) continue;
    lines[i] = piped(lines[i]!);
    if (!isTableRow(separator) || cells.some((cell) => !cell.includes("---")))
      lines[i + 1] = `${/^\s*/.exec(separator)![0]}| ${cells.map((cell) => cell.replace(/-+/, "---")).join(" | ")} |`;
    for (i += 2; i < lines.length && hasBar(lines[i]!); i++) lines[i] = piped(lines[i]!);
    i--; // the line that ended the table may start the next one
  }
  return lines.join("\n");
}

/** A bar the author did not escape. */
function hasBar(line: string): boolean {
  return /(?<!\\)\|/.test(line);
}

/** The row with the outer bars it lacks, at its own indent (a table may belong to a list item). */
function piped(row: string): string {
  const [, indent, cells] = /^(\s*)(.*?)\s*$/.exec(row)!;
  const opens = cells!.startsWith("|");
  const closes = /(?<!\\)\|$/.test(cells!);
  return opens && closes ? row : `${indent}${opens ? "" : "| "}${cells}${closes ? "" : " |"}`;
}

/** A table row's cells, trimmed, empty ones kept so they line up with the header's. */
export function tableCells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, "")
    .replace(/\|$/, "")
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

/**
 * A row too long for one passage, as several rows of the same table: each keeps the row's first cell (its
 * label) and some of its other cells, the rest left empty, so every piece still lines up with the header.
 * A piece that is still too long (one huge cell) is returned as it is, for the caller to cut.
 */
export function splitTableRow(line: string, maxLength: number): string[] {
  const [label = "", ...cells] = tableCells(line);
  const row = (kept: Set<number>) => `| ${[label, ...cells.map((cell, i) => (kept.has(i) ? cell : ""))].join(" | ")} |`;
  const rows: string[] = [];
  let kept = new Set<number>();
  cells.forEach((cell, i) => {
    if (!cell) return;
    if (kept.size > 0 && row(new Set([...kept, i])).length > maxLength) {
      rows.push(row(kept));
      kept = new Set();
    }
    kept.add(i);
  });
  if (kept.size > 0 || rows.length === 0) rows.push(row(kept));
  return rows;
}

/**
 * Rows of cell texts as a Markdown table, the first filled row its header; "" when no cell has text. A cell's
 * line breaks become spaces and its pipes are escaped: either would end the cell or the row early.
 */
export function markdownTable(rows: string[][]): string {
  const kept = rows.filter((row) => row.some((text) => text.trim()));
  // Columns empty in every row at the right (a spreadsheet's cells repeated to the sheet's edge) are left out.
  const width = kept.reduce((widest, row) => Math.max(widest, filledWidth(row)), 0);
  if (kept.length === 0) return "";
  const line = (row: string[]) =>
    `| ${Array.from({ length: width }, (_, i) => (row[i] ?? "").replace(/\s+/g, " ").trim().replace(/\|/g, "\\|")).join(" | ")} |`;
  return [line(kept[0]!), `| ${Array.from({ length: width }, () => "---").join(" | ")} |`, ...kept.slice(1).map(line)].join("\n");
}

function filledWidth(row: string[]): number {
  let width = row.length;
  while (width > 0 && !row[width - 1]!.trim()) width--;
  return width;
}
