import { titleOrFileName } from "../file-title.ts";
import type { Loader } from "../loaded-document.ts";
import { firstHeading } from "./first-heading.ts";
import { htmlToMarkdown } from "./html-to-markdown.ts";
import { rtfBlocksToHtml } from "./rtf-blocks-to-html.ts";
import { readRtf } from "./rtf-paragraphs.ts";

/**
 * A Rich Text Format document (Word, WordPad, TextEdit, LibreOffice): its headings, lists, tables, footnotes
 * and text boxes, through the same HTML-to-Markdown conversion as a Word document. Titled by its Title or first
 * heading, else by its information group's title; its keywords, subject and comments are search words.
 */
export const loadRtf: Loader = async (bytes, fileName) => {
  let document: ReturnType<typeof readRtf>;
  let markdown: string;
  try {
    document = readRtf(bytes.toString("latin1"));
    markdown = htmlToMarkdown(rtfBlocksToHtml(document.blocks));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`could not read RTF ${fileName}: ${reason}`);
  }
  // A template's information group is often stale ("Memo"): a heading, when there is one, titles the document.
  const title = /^#{1,6} /m.test(markdown) || !document.title ? titleOrFileName(firstHeading(markdown), fileName) : document.title;
  return { title, url: null, markdown, keywords: document.keywords.join(" ") };
};
