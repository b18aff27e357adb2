import WordExtractor from "word-extractor";
import { titleOrFileName } from "../file-title.ts";
import type { Loader } from "../loaded-document.ts";
import { firstHeading } from "./first-heading.ts";
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
    // The reader knows Word 97 and later; Word 6 and 95 files have a format of their own.
    const older = /Invalid magic number|Unable to read this type of file/.test(reason);
    throw new Error(`could not read DOC ${fileName}: ${older ? "it is a Word 95 or older document (or no Word document); save it as DOCX" : reason}`);
  }
  const notes = [document.getFootnotes(), document.getEndnotes(), document.getTextboxes({ includeHeadersAndFooters: false })].map(withoutOptionalHyphens);
  const markdown = [paragraphLinesToMarkdown(withoutOptionalHyphens(document.getBody())), ...notes.map(paragraphs)].filter(Boolean).join("\n\n");
  return { title: titleOrFileName(firstHeading(markdown), fileName), url: null, markdown, keywords: "" };
};

/**
 * word-extractor 1.0.4 turns an optional hyphen (a hyphenation point typed into a word, common in German
 * and Russian text) into the text "undefined": "исследоваundefinedтельского". No word holds that between
 * two letters, so it is taken out there.
 */
function withoutOptionalHyphens(text: string): string {
  return text.replace(/(?<=\p{L})undefined(?=\p{L})/gu, "");
}

function paragraphs(text: string): string {
  return text
    .split(/\r?\n|\r/)
    .map((line) => bodyText(line.trim()))
    .filter(Boolean)
    .join("\n\n");
}
