import TurndownService from "turndown";

const PROBE_ID = "docent-parse-probe";

/** Carries the parsed document out of Turndown's traversal, which it stops at the first element. */
class ParsedDocument extends Error {
  constructor(readonly document: Document) {
    super("parsed");
  }
}

/**
 * Parses an HTML page into a DOM we can query (title, meta tags, <main>) without another dependency:
 * Turndown already bundles an HTML parser for Node (domino) but does not export it, so we let Turndown
 * parse the page and take the document from the first element it visits.
 *
 * The page's elements end up inside Turndown's wrapper element, the <head> ones included, so query the
 * whole document (`querySelector("title")`) rather than `document.head`.
 */
export function parseHtml(html: string): Document {
  const probe = new TurndownService();
  probe.addRule("capture", {
    filter: (node) => {
      throw new ParsedDocument(node.ownerDocument);
    },
    replacement: () => "",
  });
  try {
    // A leading <hr> guarantees an element Turndown visits (it skips blank ones), whatever the page holds.
    probe.turndown(`<hr id="${PROBE_ID}">${html}`);
  } catch (error) {
    if (!(error instanceof ParsedDocument)) throw error;
    error.document.getElementById(PROBE_ID)?.remove();
    return error.document;
  }
  throw new Error("the HTML parser returned no document");
}
