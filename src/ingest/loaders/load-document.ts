import { extname } from "node:path";
import type { Loader } from "../loaded-document.ts";
import { loadDocx } from "./load-docx.ts";
import { loadHtml } from "./load-html.ts";
import { loadMarkdown } from "./load-markdown.ts";
import { loadPdf } from "./load-pdf.ts";
import { loadText } from "./load-text.ts";

const LOADERS: Record<string, Loader> = {
  ".md": loadMarkdown,
  ".mdx": loadMarkdown,
  ".markdown": loadMarkdown,
  ".txt": loadText,
  ".html": loadHtml,
  ".htm": loadHtml,
  ".pdf": loadPdf,
  ".docx": loadDocx,
};

/** The file extensions Docent indexes, lower case with their dot; walkers list only these. */
export const SUPPORTED_EXTENSIONS: readonly string[] = Object.keys(LOADERS);

/** The loader for a file, chosen by its extension whatever its case; null for a format Docent does not read. */
export function loaderFor(fileName: string): Loader | null {
  return LOADERS[extname(fileName).toLowerCase()] ?? null;
}
