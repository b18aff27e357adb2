import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { AnnotationMode, getDocument, type PDFDocumentProxy, type PDFPageProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { Loader } from "../loaded-document.ts";
import { pdfLinesToMarkdown } from "./pdf-lines-to-markdown.ts";
import { type PdfLine, type PdfTextItem, pdfPageLines } from "./pdf-page-lines.ts";
import { hasBrokenTextLayer } from "./broken-text-layer.ts";
import { titleOrFileName } from "../file-title.ts";
import { firstHeading } from "./first-heading.ts";
import { pdfTitle } from "./pdf-title.ts";

// pdf.js reads the metrics of the 14 standard fonts (and CJK character maps) from files it ships;
// without their location it warns on every PDF that uses Helvetica or Times unembedded.
const pdfjsRoot = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));

/**
 * Learning a font's name costs a page's operator list (about 40% of a text-only page's load time), so it
 * is asked only of pages that bring a font not seen yet, and of at most this many pages per document.
 * A font never learned counts as regular: bold only adds body-size headings.
 */
const MAX_FONT_PAGES = 8;

/**
 * A PDF's text layer as Markdown with the structure a reader sees: headings by font size (and weight),
 * paragraphs joined, lists, no running headers, footers or page numbers (see pdfLinesToMarkdown).
 * This module is only the pdf.js glue. A scan, or text in fonts without a Unicode map, yields "" and says so.
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
    const pages = await documentLines(document);
    const layout = pdfLinesToMarkdown(pages);
    const infoTitle = (info as { Title?: unknown }).Title;
    if (!layout.markdown || hasBrokenTextLayer(layout.markdown)) {
      const unreadable = layout.markdown ? "its fonts have no Unicode map, so its text cannot be read" : "it has no text, only images (a scan?)";
      return { title: ownTitle(pdfTitle(infoTitle, null, ""), "", fileName), url: null, markdown: "", keywords: "", unreadable };
    }
    const firstPage = pages[0]?.map((line) => line.text).join(" ") ?? "";
    return { title: ownTitle(pdfTitle(infoTitle, layout.title, firstPage), layout.markdown, fileName), url: null, markdown: layout.markdown, keywords: "" };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`could not read PDF ${fileName}: ${reason}`);
  } finally {
    await task.destroy();
  }
};

async function documentLines(document: PDFDocumentProxy): Promise<PdfLine[][]> {
  const fonts = new FontWeights();
  const pages: PdfLine[][] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number);
    const content = await page.getTextContent();
    // Marked-content items carry no text; they only delimit structure.
    const items = content.items.filter((item): item is PdfTextItem & typeof item => "str" in item);
    await fonts.learn(page, items);
    pages.push(pdfPageLines(items, (fontName) => fonts.isBold(fontName)));
    page.cleanup();
  }
  return pages;
}

/**
 * Which of the document's fonts are bold, from their PostScript names ("Helvetica-Bold",
 * "ABCDEF+Calibri-Bold"). pdf.js hands a font's name to this side only once the page has been
 * turned into an operator list; text content names fonts by pdf.js's own ids ("g_d0_f2").
 */
class FontWeights {
  private readonly bold = new Map<string, boolean>();
  private pagesAsked = 0;

  async learn(page: PDFPageProxy, items: readonly PdfTextItem[]): Promise<void> {
    const unknown = new Set(items.filter((item) => item.str.trim() && !this.bold.has(item.fontName)).map((item) => item.fontName));
    if (unknown.size === 0 || this.pagesAsked >= MAX_FONT_PAGES) return;
    this.pagesAsked++;
    try {
      // Annotations (form fields, stamps) bring fonts of their own that the text layer never uses.
      await page.getOperatorList({ annotationMode: AnnotationMode.DISABLE });
    } catch {
      // A page pdf.js cannot draw (a broken image, say) still has its text: its fonts count as regular.
    }
    for (const fontName of unknown) this.bold.set(fontName, isBoldFont(page, fontName));
  }

  isBold(fontName: string): boolean {
    return this.bold.get(fontName) ?? false;
  }
}

function isBoldFont(page: PDFPageProxy, fontName: string): boolean {
  if (!page.commonObjs.has(fontName)) return false;
  const font: unknown = page.commonObjs.get(fontName);
  const name = typeof font === "object" && font !== null && "name" in font && typeof font.name === "string" ? font.name : "";
  return /bold|black|heavy|demi/i.test(name);
}

/** Without a title of its own, a PDF is titled by its first heading or its file's name, whichever names it (titleOrFileName). */
function ownTitle(title: string | null, markdown: string, fileName: string): string {
  return titleOrFileName(title ?? firstHeading(markdown), fileName);
}
