import mammoth from "mammoth";
import { titleOrFileName } from "../file-title.ts";
import type { Loader } from "../loaded-document.ts";
import { demoteBodyHeadings } from "./demote-body-headings.ts";
import { firstHeading } from "./first-heading.ts";
import { htmlToMarkdown } from "./html-to-markdown.ts";
import { openOfficeDocument, related } from "./office-package.ts";
import { headingStyleMap } from "./word-heading-styles.ts";

// Images are dropped from the Markdown anyway; an empty source spares mammoth base64-encoding each one.
const skipImages = mammoth.images.imgElement(async () => ({ src: "" }));
// A policy typed in Word opens with a paragraph in the Title style, then "Purpose", "Scope"… in Heading 1: the
// Title is the document's heading, so it names the document and heads the others, as `#` heads a Markdown page.
// Matched by name as Word shows it, or by id when a generator names no styles; a template's own heading
// styles by their outline level (headingStyleMap).
const styleMap = [
  "p[style-name='Title'] => h1:fresh",
  "p.Title => h1:fresh",
  ...[1, 2, 3, 4, 5, 6].flatMap((level) => [
    `p[style-name='Heading ${level}'] => h${Math.min(level + 1, 6)}:fresh`,
    `p.Heading${level} => h${Math.min(level + 1, 6)}:fresh`,
  ]),
  // A table of contents (its entries in the styles "toc 1"…"toc 9") lists every section by name: as a passage
  // it matched every question and answered none.
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9].flatMap((level) => [`p[style-name='toc ${level}'] => !`, `p.TOC${level} => !`]),
];

/**
 * A Word document through mammoth, which maps its Title and heading styles to <h1>…<h6>, then the same
 * HTML-to-Markdown conversion as web pages; clauses set in a heading style are text (demoteBodyHeadings).
 * The title is the Title paragraph, else the first heading, else the file name (titleOrFileName): core
 * properties are usually stale ("Document1", a template's title).
 */
export const loadDocx: Loader = async (bytes, fileName) => {
  const { pkg, targets } = await openOfficeDocument(bytes, fileName, "DOCX", "word/document.xml");
  const styles = (await pkg.read(related(targets, "styles") ?? "word/styles.xml")) ?? "";
  let html: string;
  try {
    ({ value: html } = await mammoth.convertToHtml(
      { buffer: bytes },
      { convertImage: skipImages, externalFileAccess: false, styleMap: [...styleMap, ...headingStyleMap(styles)] },
    ));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`could not read DOCX ${fileName}: ${reason}`);
  }
  const markdown = demoteBodyHeadings(htmlToMarkdown(html));
  return { title: titleOrFileName(firstHeading(markdown), fileName), url: null, markdown, keywords: "" };
};
