/** A Markdown table row: `| cell | cell |`. */
export function isTableRow(line: string): boolean {
  return /^\|.*\|$/.test(line.trim());
}

/** The line under a table's header row: `| --- | :---: |`. Trimmed first, so a long indent costs no backtracking. */
export function isTableSeparator(line: string | undefined): boolean {
  return line !== undefined && /^\|?\s*:?-{3,}/.test(line.trimStart());
}
