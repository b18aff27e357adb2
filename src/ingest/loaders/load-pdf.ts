import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { getDocument, type PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { Loader } from "../loaded-document.ts";

// pdf.js reads the metrics of the 14 standard fonts (and CJK character maps) from files it ships;
// without their location it warns on every PDF that uses Helvetica or Times unembedded.
const pdfjsRoot = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));

/**
 * A PDF's text layer, page by page, separated by blank lines. There is no structure to recover
 * (no headings), so the splitter cuts it by paragraphs and size. Scanned pages without text yield "".
 */
export const loadPdf: Loader = async (bytes, fileName) => {
  const task = getDocument({
    // A copy: pdf.js takes ownership of (detaches) the buffer it is given, and Node pools small Buffers.
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    standardFontDataUrl: join(pdfjsRoot, "standard_fonts/"),
    cMapUrl: join(pdfjsRoot, "cmaps/"),
    cMapPacked: true,
    verbosity: 0,
  });
  try {
    const document = await task.promise;
    const { info } = await document.getMetadata();
    const title = (info as { Title?: unknown }).Title;
    return {
      title: typeof title === "string" && title.trim() ? title.trim() : null,
      url: null,
      markdown: await documentText(document),
      keywords: "",
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`could not read PDF ${fileName}: ${reason}`);
  } finally {
    await task.destroy();
  }
};

async function documentText(document: PDFDocumentProxy): Promise<string> {
  const pages: string[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number);
    const content = await page.getTextContent();
    let text = "";
    for (const item of content.items) {
      // Marked-content items carry no text; they only delimit structure.
      if (!("str" in item)) continue;
      text += item.hasEOL ? `${item.str}\n` : item.str;
    }
    page.cleanup();
    const trimmed = text.replace(/[ \t]+$/gm, "").trim();
    if (trimmed) pages.push(trimmed);
  }
  return pages.join("\n\n");
}
