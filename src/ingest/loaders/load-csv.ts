import { markdownTable } from "../../shared/markdown-table.ts";
import type { Loader } from "../loaded-document.ts";
import { decodeText } from "./decode-text.ts";
import { parseDelimited } from "./parse-delimited.ts";

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
