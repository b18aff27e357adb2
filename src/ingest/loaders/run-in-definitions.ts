import { fenceLineKinds } from "../../shared/split-code-fences.ts";
import { withRunInTitle } from "./with-run-in-title.ts";

/** A definition under its term (`Incident` over `: An event that…`), as kramdown, Pandoc, MkDocs and MyST write them. */
const DEFINITION = /^:[ \t]+(\S.*)$/;

/**
 * A definition list read as its page shows it, each term running into its definition ("**Incident**: An event
 * that degrades the service."); left as written, the term and its definition read as one sentence run
 * together with a stray colon. A term's further definitions stand as paragraphs of their own. Lines in fenced
 * code stay as written.
 */
export function runInDefinitions(markdown: string): string {
  const lines = markdown.split("\n");
  const code = fenceLineKinds(lines).map((kind) => kind !== "prose");
  const out: string[] = [];
  let defined = -1;
  for (const [i, line] of lines.entries()) {
    const definition = code[i] ? null : DEFINITION.exec(line);
    const term = out.at(-1);
    // A term is one line with a blank line (or the page's start) above it.
    if (definition && term?.trim() && !out.at(-2)?.trim() && defined !== out.length - 1) {
      out[out.length - 1] = withRunInTitle(term.trim(), definition[1]!);
      defined = out.length - 1;
    } else if (definition && defined === out.length - 1) {
      out.push("", definition[1]!);
      defined = out.length - 1;
    } else out.push(line);
  }
  return out.join("\n");
}
