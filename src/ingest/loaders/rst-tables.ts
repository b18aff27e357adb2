/**
 * reStructuredText's tables as cell text: grid tables (`+---+---+` borders) and simple tables (`===  ===`
 * column rules). Each cell's lines are joined into one, so a row reads as the Markdown table row it becomes.
 * Spanning cells keep their text in the first column they cover.
 */
const GRID_BORDER = /^\+(?:[-=]+\+)+$/;
const SIMPLE_RULE = /^=+(?: +=+)+$/;

export function isGridTableStart(line: string): boolean {
  return GRID_BORDER.test(line.trimEnd());
}

export function isSimpleTableStart(line: string): boolean {
  return SIMPLE_RULE.test(line.trimEnd());
}

/**
 * The table's rows and how many lines it spans from `start`. A cell spanning columns has no `|` on the borders
 * it covers, so its text is kept whole in its first column; a border under only some cells (a cell spanning
 * rows beside it) ends the row, and the text beside it starts the next.
 */
export function readGridTable(lines: readonly string[], start: number): { rows: string[][]; end: number } {
  let end = start;
  while (end < lines.length && /^[+|]/.test(lines[end]!)) end++;
  const border = lines[start]!.trimEnd();
  const columns: number[] = [];
  for (let i = 0; i < border.length; i++) if (border[i] === "+") columns.push(i);
  const rows: string[][] = [];
  let band: string[][] = [];
  const flush = () => {
    if (band.length) rows.push(columns.slice(0, -1).map((_, c) => joinCell(band.map((cells) => cells[c] ?? ""))));
    band = [];
  };
  for (const line of lines.slice(start + 1, end)) {
    if (line.startsWith("+")) {
      flush();
      if (isGridTableStart(line)) continue;
    }
    band.push(lineCells(line, columns));
  }
  flush();
  return { rows, end };
}

/** A line's text per column: between the column's border and the next border that has a `|` (or `+`) on it. */
function lineCells(line: string, columns: number[]): string[] {
  const cells: string[] = [];
  for (let c = 0; c < columns.length - 1; ) {
    let next = c + 1;
    while (next < columns.length - 1 && !/[|+]/.test(line[columns[next]!] ?? "")) next++;
    const text = line.slice(columns[c]! + 1, columns[next]);
    // Under a spanning row's border, the covered cells' part of the line is border, not text.
    cells[c] = /^[-=]+$/.test(text) ? "" : text;
    for (let covered = c + 1; covered < next; covered++) cells[covered] = "";
    c = next;
  }
  return cells;
}

export function readSimpleTable(lines: readonly string[], start: number): { rows: string[][]; end: number } {
  const rule = lines[start]!;
  const spans: Array<[number, number]> = [];
  for (const match of rule.matchAll(/=+/g)) spans.push([match.index, match.index + match[0].length]);
  // The table ends at a rule followed by a blank line; rules before that one underline the header.
  let end = start + 1;
  while (end < lines.length && !(isSimpleTableStart(lines[end]!) && !lines[end + 1]?.trim())) end++;
  const rows: string[][] = [];
  for (const line of lines.slice(start + 1, end)) {
    if (!line.trim() || isSimpleTableStart(line) || /^-+(?: +-+)*\s*$/.test(line)) continue;
    // The last column runs to the end of the line; text in the others stays within its rule.
    const cells = spans.map(([from, to], c) => line.slice(from, c === spans.length - 1 ? undefined : Math.max(to, spans[c + 1]![0] - 1)).trim());
    // A line with an empty first column continues the row above.
    const previous = rows.at(-1);
    if (!cells[0] && previous) {
      for (const [c, cell] of cells.entries()) previous[c] = joinCell([previous[c] ?? "", cell]);
    } else rows.push(cells);
  }
  return { rows, end: Math.min(end + 1, lines.length) };
}

function joinCell(lines: string[]): string {
  return lines
    .map((line) => line.trim())
    .filter(Boolean)
    .join(" ");
}
