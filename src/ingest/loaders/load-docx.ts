import mammoth from "mammoth";
import type { Loader } from "../loaded-document.ts";
import { htmlToMarkdown } from "./html-to-markdown.ts";

// Images are dropped from the Markdown anyway; an empty source spares mammoth base64-encoding each one.
const skipImages = mammoth.images.imgElement(async () => ({ src: "" }));

/**
 * A Word document through mammoth, which maps its heading styles to <h1>…<h6>, then the same
 * HTML-to-Markdown conversion as web pages. The title is left to the first heading or the file name:
 * core properties are usually stale ("Document1", a template's title).
 */
export const loadDocx: Loader = async (bytes, fileName) => {
  let html: string;
  try {
    ({ value: html } = await mammoth.convertToHtml({ buffer: bytes }, { convertImage: skipImages, externalFileAccess: false }));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`could not read DOCX ${fileName}: ${reason}`);
  }
  return { title: null, url: null, markdown: htmlToMarkdown(html), keywords: "" };
};
