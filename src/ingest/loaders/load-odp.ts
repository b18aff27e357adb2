import { fileTitle } from "../file-title.ts";
import type { Loader } from "../loaded-document.ts";
import { type OdfStyles, readOdfText, styleReader } from "./odf-text.ts";
import { headingText, openZipPackage, xmlTokens, type XmlToken } from "./office-package.ts";

// Placeholders that repeat on every slide and say nothing about it, and the notes page's picture of the slide.
const FURNITURE = new Set(["page-number", "footer", "header", "date-time", "handout"]);

interface Slide {
  hidden: boolean;
  title: XmlToken[];
  body: XmlToken[];
  notes: XmlToken[];
}

/**
 * A LibreOffice Impress presentation (`.odp`), read like a PowerPoint deck: slide by slide in the order shown,
 * hidden slides left out, each a section headed by its title ("Slide 4" when it has none) holding its text,
 * lists and tables, then its speaker notes. The deck is titled by its first slide.
 */
export const loadOdp: Loader = async (bytes, fileName) => {
  const pkg = await openZipPackage(bytes, fileName, "ODP");
  const content = await pkg.read("content.xml");
  if (content === null) throw new Error(`could not read ODP ${fileName}: it has no content.xml`);
  const { slides, styles } = readSlides(xmlTokens(content));
  const sections: string[] = [];
  let deckTitle = "";
  for (const [i, slide] of slides.entries()) {
    if (slide.hidden) continue;
    // The title's text was escaped as a paragraph's; as a heading's it is escaped again.
    const title = readOdfText(slide.title)
      .join(" ")
      .replace(/^\\(#)/, "$1")
      .trim();
    if (sections.length === 0) deckTitle = title;
    sections.push([`## ${headingText(title || `Slide ${i + 1}`)}`, ...readOdfText(slide.body, styles), ...readOdfText(slide.notes, styles)].join("\n\n"));
  }
  return { title: deckTitle || fileTitle(fileName), url: null, markdown: sections.join("\n\n"), keywords: "" };
};

/**
 * Each slide's tokens sorted into its title, its other shapes and its notes, furniture left out; and the deck's
 * list styles, which number the lists on its slides.
 */
function readSlides(tokens: Iterable<XmlToken>): { slides: Slide[]; styles: OdfStyles } {
  const slides: Slide[] = [];
  const styles: OdfStyles = { lists: new Map(), outline: new Map() };
  const readStyle = styleReader(styles);
  // Drawing-page styles that hide a slide (`presentation:visibility="hidden"`).
  const hiddenStyles = new Set<string>();
  let style: string | null = null;
  let slide: Slide | null = null;
  let inNotes = false;
  // The frame being read: where its tokens go, and how deep inside it the reader is.
  let frame: { into: XmlToken[] | null; depth: number } | null = null;
  for (const token of tokens) {
    readStyle(token);
    if (token.kind === "open" && token.name === "style") style = token.attributes["style:name"] ?? null;
    else if (token.kind === "open" && token.name === "drawing-page-properties" && style && token.attributes["presentation:visibility"] === "hidden")
      hiddenStyles.add(style);
    if (!slide) {
      if (token.kind === "open" && token.name === "page") {
        slide = { hidden: hiddenStyles.has(token.attributes["draw:style-name"] ?? ""), title: [], body: [], notes: [] };
      }
      continue;
    }
    if (frame) {
      if (token.kind === "open") frame.depth++;
      else if (token.kind === "close") frame.depth--;
      if (frame.depth < 0) frame = null;
      else frame.into?.push(token);
      continue;
    }
    if (token.kind === "open" && token.name === "notes") inNotes = true;
    else if (token.kind === "close" && token.name === "notes") inNotes = false;
    else if (token.kind === "close" && token.name === "page") {
      slides.push(slide);
      slide = null;
    } else if (token.kind === "open" && token.name !== "notes") {
      // A shape: a frame (text box, placeholder, table) or a custom shape holding text.
      const kind = token.attributes["presentation:class"] ?? "";
      // On the notes page, every text box is the speaker's, whatever class LibreOffice gave it.
      const into = FURNITURE.has(kind) || token.name === "page-thumbnail" ? null : inNotes ? slide.notes : kind === "title" ? slide.title : slide.body;
      frame = { into, depth: 0 };
    }
  }
  // A part cut short still gives its last slide.
  if (slide) slides.push(slide);
  return { slides, styles };
}
