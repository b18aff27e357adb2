import { markdownTable } from "../../shared/markdown-table.ts";
import type { Loader } from "../loaded-document.ts";
import { decodeText } from "./decode-text.ts";

/**
 * A CSV or TSV file as one table, its first row the header, so an answer names a cell by its row and column
 * as for a spreadsheet. The separator is a tab for `.tsv`; for `.csv` a comma, or a semicolon when the header
 * has more of those (spreadsheets in locales with a decimal comma write them). The title is left to the file name.
 */
export const loadCsv: Loader = async (bytes, fileName) => {
  const text = decodeText(bytes);
  const separator = fileName.toLowerCase().endsWith(".tsv") ? "\t" : pickSeparator(text.split(/\r?\n/, 1)[0] ?? "");
  return { title: null, url: null, markdown: markdownTable(parseDelimited(text, separator)), keywords: "" };
};

function pickSeparator(header: string): string {
  const count = (char: string) => header.split(char).length - 1;
  return count(";") > count(",") ? ";" : ",";
}

/** RFC 4180: fields may be quoted, a quote inside written twice, and a quoted field may hold separators and line breaks. */
function parseDelimited(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char !== '"') field += char;
      else if (text[i + 1] === '"') field += text[i++]!;
      else quoted = false;
    } else if (char === '"' && field === "") quoted = true;
    else if (char === separator) {
      row.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += char;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}
