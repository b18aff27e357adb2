import { markdownTable } from "../../shared/markdown-table.ts";
import { fileTitle } from "../file-title.ts";
import type { Loader } from "../loaded-document.ts";
import { bodyText, headingText, openOfficeDocument, related, xmlTokens, type OfficePackage } from "./office-package.ts";
import { smartArtMarkdown } from "./smartart-text.ts";

interface Slide {
  title: string;
  blocks: string[];
}

/** A shape's text as read: its paragraphs, and the sizes (in hundredths of a point) its runs set; null where a run inherits its size. */
interface ShapeText {
  kind: ShapeKind;
  paragraphs: { markdown: string; text: string; code: boolean }[];
  sizes: (number | null)[];
}

type ShapeKind = "title" | "body" | "box" | "skip";

/**
 * A PowerPoint deck, slide by slide in the order shown (hidden slides left out): each slide a section
 * headed by its title, its bullets as a list, its tables as Markdown tables, then its speaker notes, which
 * often say in sentences what the bullets only name. The deck's title is its first slide's.
 */
export const loadPptx: Loader = async (bytes, fileName) => {
  const { pkg, xml: presentation, targets } = await openOfficeDocument(bytes, fileName, "PPTX", "ppt/presentation.xml");
  const slidePaths = [...xmlTokens(presentation)].flatMap((token) =>
    token.kind === "open" && token.name === "sldId" ? [targets.get(token.attributes["r:id"] ?? "")?.target ?? ""] : [],
  );
  const sections: string[] = [];
  let deckTitle = "";
  for (const [i, path] of slidePaths.entries()) {
    const xml = path ? await pkg.read(path) : null;
    const slide = xml === null ? null : readSlide(xml, { notes: false, diagrams: await diagramsOf(pkg, path, xml) });
    if (!slide) continue;
    if (sections.length === 0) deckTitle = slide.title;
    // An untitled slide is numbered as PowerPoint numbers it, hidden slides counted.
    sections.push([`## ${headingText(slide.title || `Slide ${i + 1}`)}`, ...slide.blocks, ...(await notesOf(pkg, path))].join("\n\n"));
  }
  return { title: deckTitle || fileTitle(fileName), url: null, markdown: sections.join("\n\n"), keywords: "" };
};

/** The text of each SmartArt diagram on a slide, by the relationship id its frame names it by. */
async function diagramsOf(pkg: OfficePackage, slidePath: string, xml: string): Promise<Map<string, string>> {
  const diagrams = new Map<string, string>();
  const ids = [...xmlTokens(xml)].flatMap((token) =>
    token.kind === "open" && token.name === "relIds" && token.attributes["r:dm"] ? [token.attributes["r:dm"]] : [],
  );
  if (ids.length === 0) return diagrams;
  const relationships = await pkg.relationships(slidePath);
  for (const id of ids) {
    const target = relationships.get(id)?.target;
    const data = target ? await pkg.read(target) : null;
    if (data) diagrams.set(id, smartArtMarkdown(data));
  }
  return diagrams;
}

async function notesOf(pkg: OfficePackage, slidePath: string): Promise<string[]> {
  const notes = related(await pkg.relationships(slidePath), "notesSlide");
  const xml = notes ? await pkg.read(notes) : null;
  return xml === null ? [] : (readSlide(xml, { notes: true })?.blocks ?? []);
}

/**
 * A slide's (or a notes page's) shapes in order. A title placeholder gives the title; other text is a
 * bulleted list unless the shape is a text box or the paragraph turns its bullet off; lines set in a
 * monospace font are code. On a notes page only the notes body counts (not the slide image's or the page
 * number's placeholder). Null for a hidden slide.
 */
function readSlide(xml: string, { notes, diagrams = new Map() }: { notes: boolean; diagrams?: Map<string, string> }): Slide | null {
  const slide: Slide = { title: "", blocks: [] };
  const shapes = new Map<number, ShapeText>();
  let shape: ShapeText | null = null;
  let paragraph: { text: string; level: number; bullet: boolean; code: boolean | null } | null = null;
  let run: { size: number | null; monospace: boolean } | null = null;
  let table: string[][] | null = null;
  let cell: string[] | null = null;
  let inRun = false;
  // Newer content (equations, ink) comes twice: as itself and as a fallback for older readers.
  let inFallback = 0;
  for (const token of xmlTokens(xml)) {
    if (token.kind !== "text" && token.name === "Fallback") inFallback += token.kind === "open" ? 1 : -1;
    if (inFallback > 0) continue;
    if (token.kind === "text") {
      if (!paragraph || !inRun) continue;
      paragraph.text += token.text;
      // A paragraph is code when it has text and all of it is in monospace runs (a field's text is in none).
      if (token.text.trim()) {
        paragraph.code = (paragraph.code ?? true) && run !== null && run.monospace;
        shape?.sizes.push(run?.size ?? null);
      }
      continue;
    }
    const { name } = token;
    if (token.kind === "open") {
      if (name === "sld" && (token.attributes.show === "0" || token.attributes.show === "false")) return null;
      if (name === "sp") shape = { kind: notes ? "skip" : "body", paragraphs: [], sizes: [] };
      else if (name === "cNvSpPr" && token.attributes.txBox === "1" && shape?.kind === "body") shape.kind = "box";
      else if (name === "ph" && shape) shape.kind = placeholderKind(token.attributes.type, notes, shape.kind);
      else if (name === "tbl") table = [];
      else if (name === "relIds" && diagrams.get(token.attributes["r:dm"] ?? "")) slide.blocks.push(diagrams.get(token.attributes["r:dm"] ?? "")!);
      else if (name === "tr" && table) table.push([]);
      else if (name === "tc" && table) cell = [];
      else if (name === "p") paragraph = { text: "", level: 0, bullet: true, code: null };
      else if (name === "r") run = { size: null, monospace: false };
      else if (name === "rPr" && run) run.size = Number(token.attributes.sz) || null;
      else if (name === "latin" && run) run.monospace = MONOSPACE.test(token.attributes.typeface ?? "");
      else if (name === "pPr" && paragraph) paragraph.level = Number(token.attributes.lvl ?? 0) || 0;
      else if (name === "buNone" && paragraph) paragraph.bullet = false;
      else if (name === "br" && paragraph) paragraph.text += "\n";
      else if (name === "t") inRun = true;
      continue;
    }
    if (name === "t") inRun = false;
    else if (name === "r") run = null;
    else if (name === "p" && paragraph) {
      const text = paragraph.text.replace(/\s+/g, " ").trim();
      if (text && cell) cell.push(text);
      else if (text && shape) {
        // A code line keeps its indentation and its line breaks; a title is never code.
        const code = paragraph.code === true && shape.kind !== "title";
        const markdown = code ? paragraph.text.trimEnd() : formatParagraph(text, paragraph.level, shape.kind === "body" && paragraph.bullet);
        shape.paragraphs.push({ markdown, text, code });
      }
      paragraph = null;
    } else if (name === "tc" && cell && table) {
      table.at(-1)?.push(cell.join("; "));
      cell = null;
    } else if (name === "tbl" && table) {
      const markdown = markdownTable(table);
      if (markdown) slide.blocks.push(markdown);
      table = null;
    } else if (name === "sp" && shape) {
      if (shape.kind === "title") slide.title ||= textOf(shape);
      else if (shape.kind !== "skip" && shape.paragraphs.length) {
        shapes.set(slide.blocks.length, shape);
        slide.blocks.push(withCodeFenced(shape.paragraphs));
      }
      shape = null;
    }
  }
  if (!slide.title && !notes) {
    const at = titleBox(shapes);
    if (at !== null) {
      slide.title = textOf(shapes.get(at)!);
      slide.blocks.splice(at, 1);
    }
  }
  return slide;
}

function textOf(shape: ShapeText): string {
  return shape.paragraphs.map((paragraph) => paragraph.text).join(" ");
}

/** Typefaces of code: a slide shows code in Consolas or Courier, its text in anything else ("Monotype Corsiva" too). */
const MONOSPACE = /consolas|courier|\bmono(?:space)?\b|menlo|monaco|lucida console|cascadia|fira code|source code/i;

/** A shape's paragraphs, its runs of code lines fenced as one block each. */
function withCodeFenced(paragraphs: ShapeText["paragraphs"]): string {
  const blocks: string[] = [];
  let code: string[] = [];
  const flush = () => {
    if (code.length) blocks.push(["```", ...code, "```"].join("\n"));
    code = [];
  };
  for (const paragraph of paragraphs) {
    if (paragraph.code) code.push(paragraph.markdown);
    else {
      flush();
      blocks.push(paragraph.markdown);
    }
  }
  flush();
  return blocks.join("\n\n");
}

/**
 * A slide without a title placeholder often has its title in a text box set large ("Navigating items your
 * way" at 44 pt over 24 pt bullets): the one short text whose every run is sized at 24 pt or more and a third
 * larger than any other sized text on the slide, or at 36 pt or more when no other text is sized. Its block's
 * index, or null.
 */
function titleBox(shapes: Map<number, ShapeText>): number | null {
  let best: { at: number; size: number } | null = null;
  for (const [at, shape] of shapes) {
    if (shape.sizes.length === 0 || shape.sizes.includes(null) || textOf(shape).length > 100 || shape.paragraphs.some((p) => p.code)) continue;
    const size = Math.min(...(shape.sizes as number[]));
    // Compared with the slide's other sized text; with none (its bullets inherit their size from the layout), it
    // must be set as large as titles are (36 pt), larger than any body text a layout sets.
    const others = [...shapes].flatMap(([other, { sizes }]) => (other === at ? [] : sizes.filter((s): s is number => s !== null)));
    const larger = others.length > 0 ? size >= 2400 && size >= 1.3 * Math.max(...others) : size >= 3600;
    if (larger && size > (best?.size ?? 0)) best = { at, size };
  }
  return best?.at ?? null;
}

function placeholderKind(type: string | undefined, notes: boolean, current: ShapeKind): ShapeKind {
  if (notes) return type === "body" ? "box" : "skip";
  if (type === "title" || type === "ctrTitle") return "title";
  // Dates, footers and slide numbers repeat on every slide.
  if (type === "dt" || type === "ftr" || type === "sldNum") return "skip";
  if (type === "subTitle") return "box";
  return current === "box" ? "box" : "body";
}

function formatParagraph(text: string, level: number, bullet: boolean): string {
  return bullet ? `${"  ".repeat(level)}- ${text}` : bodyText(text);
}
