import { isTableRow, isTableSeparator, tableCells } from "./markdown-table.ts";
import { BARE_FENCE, FENCE_LINE, splitCodeFences, type MarkdownSegment } from "./split-code-fences.ts";

/**
 * Markdown to readable prose: headings and fenced code dropped, list markers and emphasis removed, table rows
 * as sentences. Code is no prose: a diagram's or a script's lines read as sentences would be quoted as such
 * (but a lead-in's one line of code stays with it: withShortCodeInline).
 */
export function plainText(markdown: string): string {
  // A block quote reads as the text it quotes: its headings, lists, code and paragraphs are handled as any
  // others. A GitHub alert's marker ("> [!NOTE]") is for the page's styling, not words to quote.
  const unquoted = markdown
    .split("\n")
    .map((line) => line.replace(/^\s*(?:>\s?)+/, ""))
    .filter((line) => !/^\s*\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*$/i.test(line))
    .join("\n");
  const prose = withShortCodeInline(splitCodeFences(unquoted, { mayStartInCode: true }));
  const lines = joinItemContinuations(prose.split("\n").map(shieldEscapes));
  // A table's header row names the cells of the rows under it, until the table ends.
  let header: string[] = [];
  const headers = lines.map((line, i) => {
    if (!isTableRow(line)) header = [];
    else if (isTableSeparator(lines[i + 1])) header = tableCells(line);
    return header;
  });
  return lines
    .map((line, i) => ({ line, header: headers[i]! }))
    .filter(
      ({ line }, i) =>
        !/^\s*#{1,6}\s/.test(line) && !THEMATIC_BREAK.test(line) && !isTableSeparator(line) && !(isTableRow(line) && isTableSeparator(lines[i + 1])),
    )
    .map(({ line, header }) => {
      const item = ITEM.test(line);
      const texts = (isTableRow(line) ? tableRowSentences(line, header) : [line.replace(ITEM_MARKERS, "")]).map((text) =>
        text
          .replace(RUN_IN_LABEL, "$2: ")
          .replace(/\[([^\]]+)\]\[[^\]]*\]/g, "$1")
          .replace(/(\*\*|__|`)/g, "")
          .trim()
          // An FAQ's "A:" labels its answer for the eye; quoted, the answer reads better without it.
          .replace(/^A:\s+/, ""),
      );
      // List items and table rows become paragraphs of their own, marked so a list can be re-attached to
      // its lead-in ("Paid leave by role:" followed by "Primary caregiver: 16 weeks.").
      return item || isTableRow(line) ? texts.map((text) => `\n\u2022 ${text}\n`).join("") : texts.join(" ");
    })
    .join("\n")
    .replace(EMPHASIS, "$1$2")
    .replace(SHIELDED, (char) => String.fromCharCode(char.charCodeAt(0) - SHIELD))
    .replace(/\n{3,}/g, "\n\n");
}

/**
 * Prose without its code, except a block of one short line that a lead-in introduces ("By default, user secret
 * files are located in:" and a path; "To start the server, run:" and a command): that line is what the lead-in
 * says, and joins it as inline code. Without it the lead-in ends "located in." and says nothing.
 */
function withShortCodeInline(segments: MarkdownSegment[]): string {
  const prose: string[] = [];
  for (const segment of segments) {
    if (!segment.code) prose.push(segment.text);
    else {
      const line = oneLineOfCode(segment.text);
      const leadIn = prose.length - 1;
      if (line !== null && leadIn >= 0 && /:\s*$/.test(prose[leadIn]!)) prose[leadIn] = prose[leadIn]!.replace(/\s*$/, ` \`${line}\``);
    }
  }
  return prose.join("\n");
}

/** A longer line is a script's, not a path or a command one would type. */
const MAX_INLINE_CODE_CHARS = 120;

/** The one line a fenced block holds, fences included; null for an unclosed block, several lines or a backtick. */
function oneLineOfCode(block: string): string | null {
  const lines = block.split("\n");
  const body = lines.slice(1, -1).filter((line) => line.trim());
  const fenced = lines.length >= 3 && FENCE_LINE.test(lines[0]!) && BARE_FENCE.test(lines[lines.length - 1]!);
  if (!fenced || body.length !== 1) return null;
  const line = body[0]!.trim();
  return line.length <= MAX_INLINE_CODE_CHARS && !line.includes("`") ? line : null;
}

/**
 * A paragraph's bold run-in heading ("**Official Holidays.** The City observes…"): a label, not a sentence of
 * its own, so it reads as one with what it labels ("Official Holidays: The City observes…"). Only a name in
 * title case: a bold sentence ("**Never share passwords.** Use the manager.") stays a sentence.
 */
const RUN_IN_LABEL = /^(\*\*|__)(\p{Lu}[\p{L}'’-]*(?: (?:\p{Lu}[\p{L}'’-]*|\p{Ll}{1,3})){0,5})\.\1\s+(?=\S)/u;

/** A rule between parts ("* * *", "---", "___") has no words; "* * *" would read as a list item. */
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

/**
 * `_italic_` or `*italic*`, also wrapped over lines of one paragraph (never across a blank line), and holding
 * words joined by an underscore ("_tag it sev1_20150911._"), which never open or close emphasis; in brackets
 * or quotes too ("(like _it_, _they_)"), and after a character the author escaped ("\\*_Please direct technical
 * questions…_", a footnote's mark before its note), which is punctuation like those.
 */
const EMPHASIS = /(^|[\s(["“‘\ue000-\ue07f])[*_](\S(?:[^*_\n]|(?<=[\p{L}\p{N}])_(?=[\p{L}\p{N}])|\n(?!\s*\n))*?\S)[*_](?=\s|[.,;:!?)\]"”’]|$)/gmu;

/**
 * `| Primary caregiver | 16 weeks |` reads as "Primary caregiver: 16 weeks." (the header row is dropped). With
 * more than two columns, the header names the cells after the first: "Denver: meals $74, lodging $199.",
 * else the reader cannot tell which number is which. Cells that hold prose (a career ladder's levels side by
 * side) are a sentence each, named by their row and column ("Leadership, Lead SRE (L4): Mentors…"): run
 * together, one level's sentences would read as the next one's.
 */
function tableRowSentences(line: string, header: string[]): string[] {
  const [label = "", ...values] = tableCells(line);
  const named = header.length > 2 && header.length === values.length + 1;
  // A row with only a short label filled ("Skill", "Coachability") groups the rows under it, like a heading.
  if (named && values.every((cell) => !cell) && !isProse(label)) return [];
  if (named && values.some(isProse)) {
    return values.flatMap((cell, i) => {
      const name = [label, header[i + 1]].filter(Boolean).join(", ");
      return cell ? [withStop(name ? `${name}: ${cell}` : cell)] : [];
    });
  }
  const rest = values.map((cell, i) => (named && cell && header[i + 1] ? `${header[i + 1]} ${cell}` : cell)).filter(Boolean);
  const sentence = label && rest.length ? `${label}: ${rest.join(", ")}` : label || rest.join(", ");
  return sentence ? [withStop(sentence)] : [];
}

/** A cell that says something in a sentence or more, rather than naming a value: "Acts as a mentor to new hires." */
function isProse(cell: string): boolean {
  return /\p{L}[.!?]$/u.test(cell) && cell.split(/\s+/).length >= 5;
}

function withStop(sentence: string): string {
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

const ITEM = /^\s*(?:[-*+•]|\d+[.)])\s+/;
/**
 * A word processor's numbered heading exported as a bullet ("- 1. Compliance Measurement") has both markers; a
 * checklist's item its box ("- [ ] Add a licence"), which is for ticking, not reading.
 */
const ITEM_MARKERS = /^\s*(?:[-*+•]|\d+[.)])\s+(?:\d{1,2}[.)]\s+|\[[ xX]\]\s+)?/;

/**
 * A list item wrapped over several lines ("- Ensure your address is correct in" / "  Employee Express")
 * is one item: its continuation lines join it, or they would read as paragraphs of their own.
 */
function joinItemContinuations(lines: string[]): string[] {
  const joined: string[] = [];
  let inItem = false;
  for (const line of lines) {
    const blank = !line.trim();
    const starts = ITEM.test(line) || /^\s*(#{1,6}\s|\||>|```|~~~)/.test(line);
    if (inItem && !blank && !starts) joined[joined.length - 1] += ` ${line.trim()}`;
    else joined.push(line);
    if (blank) inItem = false;
    else if (starts) inItem = ITEM.test(line);
  }
  return joined;
}

/**
 * Characters the author escaped to keep them literal ("\\#go", "\\[two weeks later\\]", "Q\\&A", "\\$500": any ASCII
 * punctuation, as CommonMark allows) stand in for themselves as private-use characters until the end, so no
 * emphasis, link or list rule reads them as syntax; inside a code span a backslash is the code's own, and its `_`
 * and `*` are shielded the same way ("`_load_config`" is a name, not emphasis, once the backticks are gone).
 */
function shieldEscapes(line: string): string {
  const shield = (char: string) => String.fromCharCode(char.charCodeAt(0) + SHIELD);
  return line
    .split(/(`[^`]*`)/)
    .map((piece, i) => (i % 2 === 1 ? piece.replace(/[_*]/g, shield) : piece.replace(ESCAPED, (_, char: string) => shield(char))))
    .join("");
}
const ESCAPED = /\\([!-/:-@[-`{-~])/g;
const SHIELD = 0xe000;
const SHIELDED = /[\ue000-\ue07f]/g;
