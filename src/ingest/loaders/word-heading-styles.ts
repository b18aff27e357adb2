import { xmlTokens } from "./office-package.ts";

interface ParagraphStyle {
  name: string;
  basedOn: string | null;
  /** Word's outline level, 0 for a top heading … 8; 9 is body text. Null when the style sets none. */
  outlineLevel: number | null;
}

/**
 * Mammoth style-map lines that make a heading of every paragraph style Word treats as one. Word heads a
 * section by a paragraph's outline level, which a style sets or inherits from the style it is based on;
 * mammoth knows only the styles named "Heading 1"…"Heading 6". Company templates head their sections with
 * their own styles ("_Heading 1", "Policy Heading 2"), based on Word's: without these lines their headings
 * were read as paragraphs, and a policy's title as its first sentence. Level n maps to `h(n+2)`, one below the
 * Title as for Word's own headings.
 */
export function headingStyleMap(stylesXml: string): string[] {
  const styles = readParagraphStyles(stylesXml);
  const lines: string[] = [];
  for (const [id, style] of styles) {
    const level = outlineLevel(id, styles);
    if (level === null || level > 8) continue;
    // Mammoth's style-map strings take backslash escapes ("Bob's Heading", "Q&A\\Heading").
    const name = style.name.replace(/[\\']/g, "\\$&");
    lines.push(`p[style-name='${name}'] => h${Math.min(level + 2, 6)}:fresh`);
  }
  return lines;
}

function outlineLevel(id: string, styles: Map<string, ParagraphStyle>, seen = new Set<string>()): number | null {
  const style = styles.get(id);
  if (!style || seen.has(id)) return null;
  seen.add(id);
  return style.outlineLevel ?? (style.basedOn ? outlineLevel(style.basedOn, styles, seen) : null);
}

function readParagraphStyles(xml: string): Map<string, ParagraphStyle> {
  const styles = new Map<string, ParagraphStyle>();
  let current: (ParagraphStyle & { id: string }) | null = null;
  for (const token of xmlTokens(xml)) {
    if (token.kind === "open" && token.name === "style") {
      current = token.attributes["w:type"] === "paragraph" ? { id: token.attributes["w:styleId"] ?? "", name: "", basedOn: null, outlineLevel: null } : null;
    } else if (token.kind === "close" && token.name === "style") {
      if (current?.id && current.name) styles.set(current.id, current);
      current = null;
    } else if (current && token.kind === "open") {
      const value = token.attributes["w:val"];
      if (value === undefined) continue;
      if (token.name === "name") current.name = value;
      else if (token.name === "basedOn") current.basedOn = value;
      else if (token.name === "outlineLvl" && /^\d$/.test(value)) current.outlineLevel = Number(value);
    }
  }
  return styles;
}
