import { xmlTokens } from "./office-package.ts";

/**
 * The paragraphs of the text boxes and shapes on an Excel sheet's drawing (`xl/drawings/drawingN.xml`):
 * the instructions box on a form, a note beside a table. Charts and pictures hold none.
 */
export function drawingParagraphs(xml: string): string[] {
  const paragraphs: string[] = [];
  let inTextBody = 0;
  let paragraph: string | null = null;
  let inText = false;
  for (const token of xmlTokens(xml)) {
    if (token.kind === "text") {
      if (inText && paragraph !== null) paragraph += token.text;
      continue;
    }
    if (token.name === "txBody") inTextBody += token.kind === "open" ? 1 : -1;
    else if (inTextBody <= 0) continue;
    else if (token.name === "p") {
      if (token.kind === "open") paragraph = "";
      else if (paragraph !== null) {
        const text = paragraph.replace(/\s+/g, " ").trim();
        if (text) paragraphs.push(text);
        paragraph = null;
      }
    } else if (token.name === "t") inText = token.kind === "open";
    else if (token.name === "br" && token.kind === "open" && paragraph !== null) paragraph += " ";
  }
  return paragraphs;
}
