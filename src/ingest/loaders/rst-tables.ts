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

/** The table's rows and how many lines it spans from `start`. */
export function readGridTable(lines: readonly string[], start: number): { rows: string[][]; end: number } {
  let end = start;
  while (end < lines.length && /^[+|]/.test(lines[end]!)) end++;
  const border = lines[start]!.trimEnd();
  const columns: number[] = [];
  for (let i = 0; i < border.length; i++) if (border[i] === "+") columns.push(i);
  const rows: string[][] = [];
  let band: string[] = [];
  const flush = () => {
    if (band.length) rows.push(columns.slice(0, -1).map((from, c) => joinCell(band.map((line) => cellText(line, from, columns[c + 1]!)))));
    band = [];
  };
  for (const line of lines.slice(start + 1, end)) {
    if (line.startsWith("+")) flush();
    else band.push(line);
  }
  flush();
  return { rows, end };
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

function cellText(line: string, from: number, to: number): string {
  return line
    .slice(from + 1, to)
    .replace(/^\|/, "")
    .replace(/\|$/, "");
}

function joinCell(lines: string[]): string {
  return lines
    .map((line) => line.trim())
    .filter(Boolean)
    .join(" ");
}
