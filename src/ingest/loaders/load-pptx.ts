import { fileTitle } from "../file-title.ts";
import type { Loader } from "../loaded-document.ts";
import { markdownTable, openOfficePackage, xmlTokens, type OfficePackage } from "./office-package.ts";

interface Slide {
  title: string;
  blocks: string[];
}

/**
 * A PowerPoint deck, slide by slide in the order shown (hidden slides left out): each slide a section
 * headed by its title, its bullets as a list, its tables as Markdown tables, then its speaker notes, which
 * often say in sentences what the bullets only name. The deck's title is its first slide's.
 */
export const loadPptx: Loader = async (bytes, fileName) => {
  const pkg = await openOfficePackage(bytes, fileName, "PPTX");
  const presentation = await pkg.read("ppt/presentation.xml");
  if (presentation === null) throw new Error(`could not read PPTX ${fileName}: it has no ppt/presentation.xml`);
  const targets = await pkg.relationships("ppt/presentation.xml");
  const slidePaths = [...xmlTokens(presentation)].flatMap((token) =>
    token.kind === "open" && token.name === "p:sldId" ? [targets.get(token.attributes["r:id"] ?? "")?.target ?? ""] : [],
  );
  const slides: Slide[] = [];
  for (const [i, path] of slidePaths.entries()) {
    const xml = path ? await pkg.read(path) : null;
    const slide = xml === null ? null : readSlide(xml, path, { notes: false });
    if (!slide) continue;
    // Numbered as PowerPoint numbers it, hidden slides counted.
    slide.title ||= `Slide ${i + 1}`;
    slide.blocks.push(...(await notesOf(pkg, path)));
    slides.push(slide);
  }
  const markdown = slides.map((slide) => [`## ${slide.title}`, ...slide.blocks].join("\n\n")).join("\n\n");
  const first = slides[0]?.title;
  return { title: first && !/^Slide \d+$/.test(first) ? first : fileTitle(fileName), url: null, markdown, keywords: "" };
};

async function notesOf(pkg: OfficePackage, slidePath: string): Promise<string[]> {
  const notes = [...(await pkg.relationships(slidePath)).values()].find((rel) => rel.type.endsWith("/notesSlide"));
  const xml = notes ? await pkg.read(notes.target) : null;
  return xml === null ? [] : (readSlide(xml, notes!.target, { notes: true })?.blocks ?? []);
}

/**
 * A slide's (or a notes page's) shapes in order. A title placeholder gives the title; other text is a
 * bulleted list unless the shape is a text box or the paragraph turns its bullet off. On a notes page only
 * the notes body counts (not the slide image's or the page number's placeholder). Null for a hidden slide.
 */
function readSlide(xml: string, path: string, { notes }: { notes: boolean }): Slide | null {
  const slide: Slide = { title: "", blocks: [] };
  let shape: { kind: "title" | "body" | "box" | "skip"; paragraphs: string[] } | null = null;
  let paragraph: { text: string; level: number; bullet: boolean } | null = null;
  let table: string[][] | null = null;
  let cell: string[] | null = null;
  let inRun = false;
  for (const token of xmlTokens(xml)) {
    if (token.kind === "text") {
      if (paragraph && inRun) paragraph.text += token.text;
      continue;
    }
    const { name } = token;
    if (token.kind === "open") {
      if (name === "p:sld" && token.attributes.show === "0") return null;
      if (name === "p:sp") shape = { kind: notes ? "skip" : "body", paragraphs: [] };
      else if (name === "p:cNvSpPr" && token.attributes.txBox === "1" && shape?.kind === "body") shape.kind = "box";
      else if (name === "p:ph" && shape) shape.kind = placeholderKind(token.attributes.type, notes, shape.kind);
      else if (name === "a:tbl") table = [];
      else if (name === "a:tr" && table) table.push([]);
      else if (name === "a:tc" && table) cell = [];
      else if (name === "a:p") paragraph = { text: "", level: 0, bullet: true };
      else if (name === "a:pPr" && paragraph) paragraph.level = Number(token.attributes.lvl ?? 0) || 0;
      else if (name === "a:buNone" && paragraph) paragraph.bullet = false;
      else if (name === "a:br" && paragraph) paragraph.text += " ";
      else if (name === "a:t" && !token.selfClosing) inRun = true;
      continue;
    }
    if (name === "a:t") inRun = false;
    else if (name === "a:p" && paragraph) {
      const text = paragraph.text.replace(/\s+/g, " ").trim();
      if (text && cell) cell.push(text);
      else if (text && shape) shape.paragraphs.push(formatParagraph(text, paragraph.level, shape.kind === "body" && paragraph.bullet));
      paragraph = null;
    } else if (name === "a:tc" && cell && table) {
      table.at(-1)?.push(cell.join("; "));
      cell = null;
    } else if (name === "a:tbl" && table) {
      const markdown = markdownTable(table);
      if (markdown) slide.blocks.push(markdown);
      table = null;
    } else if (name === "p:sp" && shape) {
      if (shape.kind === "title") slide.title ||= shape.paragraphs.join(" ");
      else if (shape.kind !== "skip" && shape.paragraphs.length) slide.blocks.push(shape.paragraphs.join("\n\n"));
      shape = null;
    }
  }
  if (paragraph || shape || table) throw new Error(`${path} ends inside a shape`);
  return slide;
}

function placeholderKind(type: string | undefined, notes: boolean, current: "title" | "body" | "box" | "skip"): "title" | "body" | "box" | "skip" {
  if (notes) return type === "body" ? "box" : "skip";
  if (type === "title" || type === "ctrTitle") return "title";
  // Dates, footers and slide numbers repeat on every slide.
  if (type === "dt" || type === "ftr" || type === "sldNum") return "skip";
  if (type === "subTitle") return "box";
  return current === "box" ? "box" : "body";
}

function formatParagraph(text: string, level: number, bullet: boolean): string {
  return bullet ? `${"  ".repeat(level)}- ${text}` : text;
}
