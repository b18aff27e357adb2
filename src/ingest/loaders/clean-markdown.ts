import { decodeEntities } from "./decode-entities.ts";
import { htmlToMarkdown } from "./html-to-markdown.ts";
import { moveFootnotes } from "./move-footnotes.ts";
import { runInDefinitions } from "./run-in-definitions.ts";
import { unwrapAdmonitions } from "./unwrap-admonitions.ts";
import { withTablesPiped } from "../../shared/markdown-table.ts";
import { splitCodeFences } from "../../shared/split-code-fences.ts";

export interface CleanMarkdownOptions {
  /** MDX: also drop `import`/`export` blocks and `{/* comments *\/}`. */
  mdx?: boolean;
}

/**
 * Markdown as a reader sees it once the site generator has run: template tags, comments and markup gone,
 * links reduced to their text, so that the index holds words rather than URLs and tag syntax.
 * Headings, lists, tables and fenced code stay as they are, for the heading-aware splitter.
 */
export function cleanMarkdown(markdown: string, options: CleanMarkdownOptions = {}): string {
  // Code blocks wait behind placeholders while the blank lines left by removed markup are collapsed:
  // blank lines inside code are part of it.
  const code: string[] = [];
  const segments = splitCodeFences(unwrapAdmonitions(runInDefinitions(moveFootnotes(markdown))));
  // A link's address may be defined on the other side of a code block from the link.
  const defined = definedLabels(segments.flatMap((segment) => (segment.code ? [] : [segment.text])).join("\n"));
  return segments
    .map((segment) => (segment.code ? `\uE002${code.push(cleanCode(segment.text)) - 1}\uE003` : cleanProse(withTablesPiped(segment.text), defined, options)))
    .join("\n")
    .replace(/^[ \t]+$/gm, "")
    .replace(/\n{3,}/g, "\n\n")
    .replace(/^\n+/, "")
    .trimEnd()
    .replace(/\uE002(\d+)\uE003/g, (_, i: string) => code[Number(i)]!);
}

/** Code is kept verbatim, except for Liquid's `{% raw %}` markers, which never show on the rendered page. */
function cleanCode(code: string): string {
  return code.replace(/\{%-?\s*(?:end)?raw\s*-?%\}/g, "");
}

// Liquid/Jinja/Nunjucks delimiters, with their `-` whitespace-control variants. A tag may span lines
// (long shortcodes do) but never a blank line, so an unclosed `{{` cannot swallow the rest of the page.
const NO_BLANK_LINE = String.raw`(?:(?!\n[ \t]*\n)[\s\S])*?`;
const LIQUID_RAW = new RegExp(`${liquidTag("raw")}([\\s\\S]*?)${liquidTag("endraw")}`, "g");
const LIQUID_COMMENT = new RegExp(`${liquidTag("comment")}[\\s\\S]*?${liquidTag("endcomment")}`, "g");
const TEMPLATE_TAG = new RegExp(String.raw`\{%${NO_BLANK_LINE}%\}|\{\{${NO_BLANK_LINE}\}\}|\{#${NO_BLANK_LINE}#\}`, "g");
// The handbook-style shortcode that renders a Slack channel link: keep the channel, people ask where to go.
// A name with spaces ("SF Slack Channel") is no channel's, and reads as written.
const SLACK_CHANNEL = /\{%-?\s*slack_channel\s+["']#?([^"'\s]+)["'][^%]*%\}/g;
const SLACK_CHANNEL_NAMED = /\{%-?\s*slack_channel\s+["']([^"'\n]+)["'][^%]*%\}/g;
// GitBook's embed shows the page it points to; its address is often what the sentence before it promises
// ("You can reach the server at:").
const GITBOOK_EMBED = /\{%-?\s*embed\s+url=["']([^"']+)["'](?:[^%]|%(?!\}))*%\}/g;
// Kramdown attribute lists (`{: .note}`, `{#anchor}` after a heading) only style the output.
const KRAMDOWN_ATTRIBUTES = /\{:[^}\n]*\}|[ \t]*\{#[\w-]+\}[ \t]*$/gm;
// Pandoc's (and Quarto's) spans only style their text: `[mandatory]{.underline}`.
const BRACKETED_SPAN = /\[([^[\]\n]*)\]\{[.#][^}\n]*\}/g;

const INLINE_CODE = /(?<!`)(`+)(?!`)((?:(?!\n[ \t]*\n)[\s\S])*?[^`])\1(?!`)/g;
const HTML_COMMENT = /<!--[\s\S]*?-->/g;
const SCRIPT_OR_STYLE = /<(script|style)\b[\s\S]*?<\/\1\s*>/gi;
const MDX_COMMENT = /\{\/\*[\s\S]*?\*\/\}/g;
// An attribute is name[=value]; JSX adds `{expression}` values and spreads, one level of braces deep.
const ATTRIBUTE = String.raw`(?:\s+(?:[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|\{(?:[^{}]|\{[^{}]*\})*\}|[^\s"'<>=\x60]+))?|\{(?:[^{}]|\{[^{}]*\})*\}))*`;
const HTML_TAG = new RegExp(String.raw`<\/?[A-Za-z][\w.:-]*${ATTRIBUTE}\s*\/?>`, "g");
const LINE_BREAK_TAG = /<br\s*\/?>/gi;
// Two or more breaks in a row end a paragraph: in a table cell they part its points ("Must check against CVE
// database <br/><br/>Must check dependencies of dependencies"), which then read as one run-on sentence.
const PARAGRAPH_BREAK_TAGS = /([^\s>])\s*(?:<br\s*\/?>\s*){2,}/gi;
// CommonMark's other hard line break: a backslash at the end of a line ("…too much clutter:\").
const BACKSLASH_BREAK = /\\$/gm;
// A line of nothing but bold text, with the paragraph going on below it, is the label of what follows
// ("1. **Identify unsigned commits**" over "You have a branch…"): it reads with a colon, not run into the text.
const BOLD_LABEL_LINE = /^([ \t]*(?:[-*+]|\d+[.)])?[ \t]*)(\*\*|__)([^*_\n]*[^\s*_.:!?;,])\2[ \t]*\n(?=[ \t]*(?![-*+][ \t]|\d+[.)][ \t]|#|\||>)\S)/gm;
// Block markup inside a line (a table cell holding "<ul><li>Automated tests</li><li>Backups</li></ul>") still
// separates words: removed outright, it glued them ("testsBackups").
const LIST_ITEM_BREAK = /<\/li\s*>\s*<li\b[^>]*>/gi;
const INLINE_BLOCK_TAG = /<\/?(?:p|div|li|ul|ol|tr|td|th|dt|dd|h[1-6]|blockquote|section)\b[^>]*>/gi;
const AUTOLINK = /<((?:https?|mailto):[^\s<>]+|[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)>/gi;

// Link text may hold one level of brackets (`[see [1]](...)`); a target may be <bracketed>, hold balanced
// parentheses, be empty (its template tag already removed) and carry a title.
const LINK_TEXT = String.raw`\[((?:[^\[\]]|\[[^\[\]]*\])*)\]`;
// The address may open on the next line ("[ProductBoard](⏎https://…)"), as CommonMark allows.
const LINK_TARGET = String.raw`\([ \t]*(?:\n[ \t]*)?(?:<[^<>\n]*>|(?:[^()\s]|\([^()\s]*\))*)(?:\s+(?:"[^"\n]*"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*(?:\n[ \t]*)?\)`;
const IMAGE = new RegExp(String.raw`!${LINK_TEXT}(?:${LINK_TARGET}|\[[^\[\]]*\])`, "g");
// With the full stop after it: a link around a whole sentence ("[Follow the guidance.](…).") ends it once.
const LINK = new RegExp(String.raw`${LINK_TEXT}(?:${LINK_TARGET}|\[[^\[\]]*\])(\.(?!\.))?`, "g");
// `[ref]: https://...` definitions; `[^1]: ...` is a footnote, whose text is content.
// The address may go on the next line (Prettier wraps long definitions so).
const LINK_DEFINITION = /^ {0,3}\[(?!\^)([^\]\n]+)\]:(?:[ \t]*\S|[ \t]*\n[ \t]*(?:<|https?:|mailto:|\.{0,2}\/|#)).*(?:\n|$)/gm;
const SHORTCUT_REFERENCE = new RegExp(String.raw`(?<![\]\\])${LINK_TEXT}(?![(\[])`, "g");

const URL_ENCODED = /%[0-9A-F]{2}/i;

// GitHub's strikethrough, read line by line: `~~Weekly~~ Biweekly`.
const STRUCK = /~~(?=\S)[^\n]*?\S~~/g;
const BARE_MARKER = /^[ \t]*(?:[-*+]|\d+[.)]|#{1,6})?[ \t]*$/;

/**
 * Struck-through text is what the page withdraws ("~~6pm Pacific~~ 5pm Pacific", a finished agenda's
 * "~~Release 1.22~~"): it reads as current when quoted without its line through it, so it is left out, and a
 * list item or heading that held nothing else goes with it.
 */
function withoutStruckText(text: string): string {
  if (!text.includes("~~")) return text;
  return text
    .split(/(?<=\n)/)
    .flatMap((line) => {
      if (!line.includes("~~")) return [line];
      const kept = line.replace(STRUCK, "");
      return kept !== line && BARE_MARKER.test(kept.trimEnd()) ? [] : [kept.replace(/(\S)[ \t]{2,}/g, "$1 ")];
    })
    .join("");
}

/**
 * Notion writes an image's file path as its alt text ("Our%20Feedback%20Process%20c40f…/The_Process.png",
 * "Untitled.png"): a name, not a description, so it is left out.
 */
function isFilePath(alt: string): boolean {
  return URL_ENCODED.test(alt) || /^[^\s]+\.(?:png|jpe?g|gif|svg|webp|bmp|tiff?|heic|pdf)$/i.test(alt.trim());
}

/** A link's text; an attachment's URL-encoded path (Notion's "Headspace%20Things%2091db…/guide.pdf") as its file's name. */
function linkText(label: string): string {
  if (!URL_ENCODED.test(label)) return label;
  try {
    return decodeURIComponent(label).split("/").filter(Boolean).at(-1) ?? label;
  } catch {
    return label;
  }
}

// CommonMark's HTML block start tags: such a line opens raw HTML that runs to the next blank line.
const HTML_BLOCK_START =
  /^ {0,3}<\/?(?:address|article|aside|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|h[1-6]|header|hr|html|legend|li|main|menu|nav|ol|p|section|summary|table|tbody|td|tfoot|th|thead|tr|ul)(?:\s|\/?>|$)/i;
// An MDX ESM block: starts at the margin, after a blank line, and runs to the next blank line.
const MDX_ESM_START = /^(?:import\s*(?:["'{*]|[\w$]+\s*(?:,|from\b))|export\s+(?:default|const|let|var|function|class|async|\{|\*))/;

/** One whole JavaScript import statement: `import DocCardList from '@theme/DocCardList';`. */
const ESM_IMPORT = /^import\s+(?:["'][^"']+["']|(?:[\w$]+|\*\s+as\s+[\w$]+|\{[^}]*\})(?:\s*,\s*(?:[\w$]+|\{[^}]*\}))?\s+from\s+["'][^"']+["']);?\s*$/;

function cleanProse(prose: string, defined: Set<string>, options: CleanMarkdownOptions): string {
  // Inline code and Liquid `raw` sections are set aside so nothing below touches them.
  const kept: string[] = [];
  const keep = (text: string) => `\uE000${kept.push(text) - 1}\uE001`;
  const restore = (text: string): string => text.replace(/\uE000(\d+)\uE001/g, (_, i: string) => restore(kept[Number(i)]!));
  let text = prose.replace(LIQUID_RAW, (_, raw: string) => keep(raw)).replace(INLINE_CODE, (code) => keep(code));

  text = withoutStruckText(text.replace(HTML_COMMENT, "").replace(SCRIPT_OR_STYLE, "").replace(LIQUID_COMMENT, ""));
  if (options.mdx) text = replaceBlocks(text.replace(MDX_COMMENT, ""), MDX_ESM_START, true, () => "");
  // Docusaurus reads its .md pages as MDX too: a paragraph of nothing but import statements is code, not text.
  else text = replaceBlocks(text, ESM_IMPORT, true, (block) => (block.split("\n").every((line) => ESM_IMPORT.test(line)) ? "" : block));
  text = text.replace(AUTOLINK, "$1");
  text = replaceBlocks(text, HTML_BLOCK_START, false, htmlToMarkdown);
  text = text
    .replace(BACKSLASH_BREAK, "")
    .replace(BOLD_LABEL_LINE, "$1$2$3$2:\n")
    .replace(PARAGRAPH_BREAK_TAGS, (_, last: string) => `${last}${/[.!?;:]/.test(last) ? " " : "; "}`);
  text = text.replace(LINE_BREAK_TAG, " ").replace(LIST_ITEM_BREAK, "; ").replace(INLINE_BLOCK_TAG, " ").replace(HTML_TAG, "");
  // Link definitions go before the template tags that may be their addresses ("[guide]: {% page "/guide/" %}"),
  // and before links: what is left of "[To quote NIST]:" is a link in a sentence, not a definition.
  text = text.replace(LINK_DEFINITION, "");
  text = text
    .replace(SLACK_CHANNEL, "#$1")
    .replace(SLACK_CHANNEL_NAMED, "$1")
    .replace(GITBOOK_EMBED, "$1")
    .replace(KRAMDOWN_ATTRIBUTES, "")
    .replace(TEMPLATE_TAG, "");
  text = text.replace(BRACKETED_SPAN, "$1");
  text = withoutShortcutReferences(
    defined,
    restore,
    text
      .replace(IMAGE, (_, alt: string) => (isFilePath(alt) ? "" : alt))
      .replace(LINK, (_, label: string, stop = "") => linkText(label) + (/[.!?]$/.test(label) ? "" : stop)),
  );
  text = decodeEntities(text);
  return restore(text);
}

/**
 * `[Splunk]` written alone, its address defined further down (`[Splunk]: https://…`), is a link as well
 * (CommonMark's shortcut reference) and reads as its text. Brackets no definition names ("[draft]",
 * a task's "[x]") are text, and stay. A label holding inline code ("[use `git rebase` interactively]") is
 * compared with its code put back (`restore`), as the definition writes it.
 */
function withoutShortcutReferences(defined: Set<string>, restore: (text: string) => string, text: string): string {
  if (defined.size === 0) return text;
  return text.replace(SHORTCUT_REFERENCE, (whole, label: string) => (defined.has(referenceLabel(restore(label))) ? label : whole));
}

/** The labels a document's link definitions (`[Splunk]: https://…`) give an address. */
function definedLabels(prose: string): Set<string> {
  return new Set([...prose.matchAll(LINK_DEFINITION)].map((definition) => referenceLabel(definition[1]!)));
}

/** Labels match as CommonMark matches them: case and runs of white space aside. */
function referenceLabel(label: string): string {
  return label.trim().replace(/\s+/g, " ").toLowerCase();
}

function liquidTag(name: string): string {
  return String.raw`\{%-?\s*${name}\s*-?%\}`;
}

/**
 * Replaces each block that starts at a line matching `start` and runs to the next blank line.
 * `afterBlank`: the block may only begin a paragraph (MDX ESM), not interrupt one (HTML blocks can).
 */
function replaceBlocks(text: string, start: RegExp, afterBlank: boolean, convert: (block: string) => string): string {
  const lines = text.split("\n");
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const previousBlank = i === 0 || !lines[i - 1]!.trim();
    if (!start.test(line) || (afterBlank && !previousBlank)) {
      out.push(line);
      continue;
    }
    let end = i;
    while (end + 1 < lines.length && lines[end + 1]!.trim()) end++;
    out.push(convert(lines.slice(i, end + 1).join("\n")));
    i = end;
  }
  return out.join("\n");
}
