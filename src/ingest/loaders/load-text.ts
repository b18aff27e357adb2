import type { Loader } from "../loaded-document.ts";
import { decodeText } from "./decode-text.ts";
import { paragraphLinesToMarkdown } from "./paragraph-lines-to-markdown.ts";

/**
 * Plain text carries no metadata: the caller names it after its first heading or its file. Text saved from a
 * word processor (a paragraph a line, no blank lines between, no Markdown headings) has its headings told by
 * their shape; anything else (Markdown-like notes, text wrapped at 72 columns) is read as it is.
 */
export const loadText: Loader = async (bytes) => {
  const text = decodeText(bytes);
  return { title: null, url: null, markdown: isParagraphPerLine(text) ? paragraphLinesToMarkdown(text.replace(/^[ \t]+/gm, "")) : text, keywords: "" };
};

function isParagraphPerLine(text: string): boolean {
  if (/^#{1,6}[ \t]|^[=-]{3,}[ \t]*$/m.test(text)) return false;
  const lines = text.trim().split(/\r?\n|\r/);
  const blank = lines.filter((line) => !line.trim()).length;
  // Hard-wrapped text has short lines and blank lines between paragraphs; a paragraph a line has long ones.
  return blank <= lines.length * 0.05 && lines.some((line) => line.length > 150);
}
