import { decodeHTMLStrict } from "entities";

/** Where Docent reads a name differently from a browser: a no-break space is a space, a soft hyphen nothing. */
const NAMED: Record<string, string> = { nbsp: " ", shy: "" };

/** Text as HTML text: the three characters markup would take for its own escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Character references written in Markdown or inline HTML (`&amp;`, `&#8217;`), as the characters a reader
 * sees; left encoded they become search terms like "amp". Unknown names stay as written.
 */
export function decodeEntities(text: string): string {
  return text.replace(/&(?:#(\d{1,7})|#[xX]([\da-fA-F]{1,6})|([A-Za-z][A-Za-z\d]{1,31}));/g, (entity, decimal?: string, hex?: string, name?: string) => {
    // Every other name (arrows, accented letters: "&rarr;", "&eacute;") as a browser reads it.
    if (name !== undefined) return NAMED[name] ?? decodeHTMLStrict(entity);
    const codePoint = decimal !== undefined ? Number(decimal) : parseInt(hex!, 16);
    // Null, surrogates and values past Unicode are invalid references; browsers show U+FFFD for them.
    return codePoint === 0 || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff) ? "\uFFFD" : String.fromCodePoint(codePoint);
  });
}
