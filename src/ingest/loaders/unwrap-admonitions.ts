import { fenceLineKinds } from "../../shared/split-code-fences.ts";
import { withRunInTitle } from "./with-run-in-title.ts";

/**
 * Call-outs as documentation sites write them: MkDocs' (`!!! tip "Always assume the worst"`, collapsible
 * `??? question "Can a SEV-3 be major?"`, tabs `=== "macOS"`), with their body indented under them,
 * Docusaurus' and VitePress' (`:::tip Before you deploy` … `:::`, `:::note[Rollbacks]`), and Pandoc's fenced
 * divs as Quarto writes its call-outs (`::: {.callout-tip title="Pro tip"}`, or a `## Title` as the first
 * line of a `{.callout-…}`). Unwrapped, the marker line no longer reads as a sentence ("!!! tip …" was
 * quoted) and the body no longer as an indented block. A call-out without a title shows its kind ("Note"),
 * which says nothing, and is left out. Lines in fenced code stay as written: documentation shows this syntax
 * in examples.
 */
const HEADER = /^(?:(?:!!!|\?\?\?\+?)[ \t]*[\w-]+(?:[ \t]+[\w-]+)*|===\+?)[ \t]*(?:"(.*)")?[ \t]*$/;
// A directive may stand indented in a list item (`    :::caution` under "3.  Set the password."); it closes at
// the same indentation.
const DIRECTIVE_OPEN = /^[ \t]*:{3,}[ \t]*[A-Za-z][\w-]*(?:\[([^\]]*)\]|[ \t]+([^{\n]*?))?[ \t]*(?:\{[^}\n]*\})?[ \t]*$/;
// Pandoc's fenced divs (`::: {.note}`, `::: {#tip .callout-tip title="…"}`) open and close the same way.
const PANDOC_DIV_OPEN = /^[ \t]*:{3,}[ \t]*\{([^}\n]*)\}[ \t]*$/;
const TITLE_ATTRIBUTE = /(?:^|\s)title=(?:"([^"]*)"|'([^']*)')/;
const CALLOUT_HEADING = /^\s*#{1,6}[ \t]+(.+?)[ \t#]*\n/;
const DIRECTIVE_CLOSE = /^[ \t]*:{3,}[ \t]*$/;
const INDENTED = /^(?: {4}|\t)/;

export function unwrapAdmonitions(markdown: string): string {
  const lines = markdown.split("\n");
  const code = fenceLineKinds(lines).map((kind) => kind !== "prose");
  const closes = pairDirectives(lines, code);
  // Where the next line with text is, so a body's blank lines are told from the ones after it in one pass.
  const nextText: number[] = [];
  for (let i = lines.length - 1, next = lines.length; i >= 0; i--) {
    if (lines[i]!.trim()) next = i;
    nextText[i] = next;
  }
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const directive = code[i] ? null : DIRECTIVE_OPEN.exec(line);
    const div = code[i] ? null : PANDOC_DIV_OPEN.exec(line);
    const close = closes.get(i);
    if ((directive || div) && close !== undefined) {
      const indent = indentOf(line);
      let body = unwrapAdmonitions(
        lines
          .slice(i + 1, close)
          .map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l.trimStart()))
          .join("\n"),
      );
      let title = directive ? (directive[1] ?? directive[2]) : undefined;
      if (div) {
        const attribute = TITLE_ATTRIBUTE.exec(div[1]!);
        // Quarto shows a call-out's first heading as its title, not as a section of the page.
        const heading = !attribute && /(?:^|\s)\.callout\b/.test(div[1]!) ? CALLOUT_HEADING.exec(body) : null;
        title = attribute ? (attribute[1] ?? attribute[2]) : heading?.[1];
        if (heading) body = body.slice(heading[0].length);
      }
      out.push(
        "",
        ...withRunInTitle(title, body)
          .split("\n")
          .map((l) => (l ? indent + l : l)),
        "",
      );
      i = close;
      continue;
    }
    // A tab's marker needs its title: a bare "===" under a line is a heading's underline.
    const header = code[i] ? null : HEADER.exec(line);
    let end = i + 1;
    if (header && !(line.startsWith("===") && header[1] === undefined)) {
      // The body runs over the indented lines under the marker and the blank lines between them.
      while (end < lines.length && (INDENTED.test(lines[end]!) || (!lines[end]!.trim() && INDENTED.test(lines[nextText[end]!] ?? "")))) end++;
    }
    // Without a body, "!!! Do not restart the primary" is a sentence.
    if (!header || nextText[i + 1] === undefined || nextText[i + 1]! >= end) {
      out.push(line);
      continue;
    }
    const body = lines.slice(i + 1, end).map((l) => l.replace(/\t/g, "    "));
    let depth = Number.POSITIVE_INFINITY;
    for (const l of body) if (l.trim()) depth = Math.min(depth, l.length - l.trimStart().length);
    out.push("", withRunInTitle(header[1], unwrapAdmonitions(body.map((l) => l.slice(depth)).join("\n"))), "");
    i = end - 1;
  }
  return out.join("\n");
}

/** Each `:::` directive's opening line → its closing line, nested ones paired inside; one never closed pairs with nothing. */
function pairDirectives(lines: string[], code: boolean[]): Map<number, number> {
  const pairs = new Map<number, number>();
  const open: number[] = [];
  for (const [i, line] of lines.entries()) {
    if (code[i]) continue;
    if (DIRECTIVE_OPEN.test(line) || PANDOC_DIV_OPEN.test(line)) open.push(i);
    else if (DIRECTIVE_CLOSE.test(line) && open.length && closesAt(indentOf(lines[open.at(-1)!]!), indentOf(line))) pairs.set(open.pop()!, i);
  }
  return pairs;
}

/**
 * A directive closes at its own indentation, or up to three spaces deeper, as a fence may stand: a close
 * written under a list that ends the call-out ("- Deploy without testing\n  :::") closes it on the site.
 */
function closesAt(opening: string, closing: string): boolean {
  return closing.startsWith(opening) && closing.length - opening.length <= 3;
}

function indentOf(line: string): string {
  return /^[ \t]*/.exec(line)![0];
}
