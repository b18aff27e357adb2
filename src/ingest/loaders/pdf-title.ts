import { withoutSiteName } from "./page-title.ts";
import { usablePdfTitle } from "./usable-pdf-title.ts";

/** At least this share of a title's words occur on the page that prints it: titles break over lines and get hyphenated. */
const PRINTED_SHARE = 0.6;
/** A heading of fewer words ("Contents", "Handbook") may be a page's or series' name, not the document's. */
const MIN_TITLE_WORDS = 3;

/**
 * The title a citation shows for a PDF: its document information Title when usable, else the first
 * page's largest heading. A Title the first page does not print, though, loses to a heading there that
 * reads as a title: a Title left over from the file's earlier use or template ("System Model" on the
 * Dynamo paper, "template for UP 2008 proceedings") names some other document. Checked against the
 * first page only: both of those are printed somewhere in their documents, as a section's name or in
 * common words. A cover that is only an image has no heading to win; a first page that is the contents
 * ("Table of Contents") does win over a Title it does not print.
 */
export function pdfTitle(infoTitle: unknown, printedTitle: string | null, firstPage: string): string | null {
  // A first page that is the contents names no document: "CONTENTS PAGE" cited says nothing.
  const layoutTitle = printedTitle && !CONTENTS.test(printedTitle.trim()) ? printedTitle : null;
  const own = usablePdfTitle(withoutSiteName(typeof infoTitle === "string" ? infoTitle.replace(/\s+/g, " ").trim() : null, layoutTitle));
  if (!own) return layoutTitle;
  if (layoutTitle && words(layoutTitle).length >= MIN_TITLE_WORDS && !printedIn(own, firstPage)) return layoutTitle;
  return own;
}

const CONTENTS = /^(?:table of )?contents(?: page)?$/i;

function printedIn(title: string, text: string): boolean {
  const onPage = new Set(words(text));
  const titleWords = words(title);
  return titleWords.filter((word) => onPage.has(word)).length >= titleWords.length * PRINTED_SHARE;
}

function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}
