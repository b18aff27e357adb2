/**
 * Call-outs as documentation sites write them: MkDocs' (`!!! tip "Always assume the worst"`, collapsible
 * `??? question "Can a SEV-3 be major?"`, tabs `=== "macOS"`), with their body indented under them, and
 * Docusaurus' and VitePress' (`:::tip Before you deploy` … `:::`, `:::note[Rollbacks]`). Unwrapped, the
 * marker line no longer reads as a sentence ("!!! tip …" was quoted) and the body no longer as an indented
 * block. A call-out without a title shows its kind ("Note"), which says nothing, and is left out.
 */
const HEADER = /^(?:(?:!!!|\?\?\?\+?)[ \t]*[\w-]+(?:[ \t]+[\w-]+)*|===\+?)[ \t]*(?:"([^"]*)")?[ \t]*$/;
const FENCE = /^(?:```|~~~)/;
const DIRECTIVE_OPEN = /^ {0,3}:{3,}[ \t]*[A-Za-z][\w-]*(?:\[([^\]]*)\]|[ \t]+([^{\n]*?))?[ \t]*(?:\{[^}\n]*\})?[ \t]*$/;
const DIRECTIVE_CLOSE = /^ {0,3}:{3,}[ \t]*$/;
const INDENTED = /^(?: {4}|\t)/;

export function unwrapAdmonitions(markdown: string): string {
  const lines = markdown.split("\n");
  const out: string[] = [];
  let fence = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (FENCE.test(line)) fence = !fence;
    const directive = fence ? null : DIRECTIVE_OPEN.exec(line);
    if (directive) {
      // The body is the lines up to the closing marker (or the page's end), nested call-outs included.
      let end = i + 1;
      for (let depth = 1; end < lines.length; end++) {
        if (DIRECTIVE_OPEN.test(lines[end]!)) depth++;
        else if (DIRECTIVE_CLOSE.test(lines[end]!) && --depth === 0) break;
      }
      out.push("", withTitle(directive[1] ?? directive[2], unwrapAdmonitions(lines.slice(i + 1, end).join("\n"))), "");
      i = end;
      continue;
    }
    const header = fence ? null : HEADER.exec(line);
    // A tab's marker needs its title: a bare "===" under a line is a heading's underline.
    if (!header || (line.startsWith("===") && header[1] === undefined)) {
      out.push(line);
      continue;
    }
    // The body runs over the indented lines under the marker and the blank lines between them.
    let end = i + 1;
    while (end < lines.length && (INDENTED.test(lines[end]!) || (!lines[end]!.trim() && INDENTED.test(lines.slice(end).find((l) => l.trim()) ?? "")))) end++;
    const body = lines.slice(i + 1, end);
    const depth = Math.min(...body.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].replace(/\t/g, "    ").length));
    i = end - 1;
    out.push("", withTitle(header[1], unwrapAdmonitions(body.map((l) => l.replace(/\t/g, "    ").slice(depth)).join("\n"))), "");
  }
  return out.join("\n");
}

/**
 * The title as a run-in label of the body's first paragraph ("Always assume the worst: if you are unsure…"),
 * which reads as one sentence when quoted; above a list, table or code block it stands alone in bold.
 */
function withTitle(title: string | undefined, body: string): string {
  const label = title?.trim();
  if (!label) return body;
  const text = body.replace(/^(?:[ \t]*\n)+/, "");
  const opensParagraph = /^\S/.test(text) && !/^(?:[-*+]\s|\d+[.)]\s|#|\||```|~~~|<|>)/.test(text);
  if (!opensParagraph) return `**${label}**\n\n${text}`;
  return `**${label}**${/[.?!:]$/.test(label) ? "" : ":"} ${text}`;
}
