import WordExtractor from "word-extractor";
import type { Loader } from "../loaded-document.ts";
import { paragraphLinesToMarkdown } from "./paragraph-lines-to-markdown.ts";
import { bodyText } from "./office-package.ts";

const extractor = new WordExtractor();

/**
 * A Word 97–2003 document (`.doc`), still common on file shares. Its binary format keeps the text, the
 * footnotes and the text boxes, but the reader has no paragraph styles: headings are told by their shape (a
 * short line without a closing stop, followed by a paragraph), and table rows by their cell marks.
 */
export const loadDoc: Loader = async (bytes, fileName) => {
  let document: Awaited<ReturnType<WordExtractor["extract"]>>;
  try {
    document = await extractor.extract(bytes);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`could not read DOC ${fileName}: ${reason}`);
  }
  const notes = [document.getFootnotes(), document.getEndnotes(), document.getTextboxes({ includeHeadersAndFooters: false })];
  return {
    title: null,
    url: null,
    markdown: [paragraphLinesToMarkdown(document.getBody()), ...notes.map(paragraphs)].filter(Boolean).join("\n\n"),
    keywords: "",
  };
};

function paragraphs(text: string): string {
  return text
    .split(/\r?\n|\r/)
    .map((line) => bodyText(line.trim()))
    .filter(Boolean)
    .join("\n\n");
}
