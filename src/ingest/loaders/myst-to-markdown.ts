import { OPENING_FENCE } from "../../shared/split-code-fences.ts";
import { ADMONITIONS, CODE, CONTAINERS, HIDDEN, TITLED_CONTENT, VERSION_NOTES, versionNote } from "./directive-kinds.ts";
import { fencedCode } from "./fenced-code.ts";
import { interpretRole, type InlineContext } from "./rst-inline.ts";
import { rstToMarkdown } from "./rst-to-markdown.ts";
import { withRunInTitle } from "./with-run-in-title.ts";

/**
 * MyST Markdown (Jupyter Book, Sphinx's myst-parser) as the Markdown every other page is read as. Its
 * directives read as Sphinx renders them, by the same kinds as reStructuredText's (directive-kinds.ts): a
 * call-out (```` ```{note} ````, `:::{admonition} Before you deploy`) as its text under its title, code as
 * code, a list or CSV table as a table, toctrees and images not at all. Left fenced, a call-out's text was
 * read as code and never quoted. Roles (`` {ref}`the travel policy <travel>` ``) read as their text, and
 * targets (`(travel)=`), comments (`% …`) and block breaks (`+++`) show nothing. A fence naming anything else
 * (R Markdown's ```` ```{r} ````, Quarto's ```` ```{python} ````) stays the code it is, and code blocks are
 * copied as written: documentation shows this syntax in its examples.
 */
export function mystToMarkdown(markdown: string): string {
  const lines = markdown.split("\n");
  if (!usesMyst(lines, markdown)) return markdown;
  return convert(lines, { substitutions: new Map(), sectionTitles: sectionTitles(lines) }).join("\n");
}

/** A directive's opening fence (backticks or tildes, as code is fenced, or colons), its `{name}` and argument. */
const DIRECTIVE_OPEN = /^([ \t]*)(`{3,}|~{3,}|:{3,})\{([A-Za-z][\w:.+-]*)\}[ \t]*(.*)$/;
/** `:class: tip`, right under the opening fence. */
const OPTION = /^:[\w-]+:(?:[ \t].*)?$/;
const TARGET = /^[ \t]*\(([^()\s]+)\)=[ \t]*$/;
const HEADING = /^#{1,6}[ \t]+(.+?)[ \t#]*$/;
/** A comment line, a block break between notebook cells, a card's header and footer rules. */
const NOT_SHOWN = /^(?:%.*|\+\+\+.*|\^\^\^+[ \t]*)$/;
const ROLE = /\{([\w:.+-]+)\}`((?:[^`\\\n]|\\.)+)`/;
/** A link with no text to a label or a page (`[](#fiscal-sponsor)`, `[](funding.md)`) shows its title. */
const TITLE_LINK = /(?<!!)\[\]\(<?((?![\w+.-]+:\/\/|mailto:)[^()\s<>]+)>?\)/;
/** Roles and such links, outside code spans (`` `use-context {context}` `` is code). */
const MYST_INLINE = new RegExp(`${/(`+)(?:(?!\1)[^\n])+\1/.source}|${/(?<![\w`\\])/.source}${ROLE.source}|${TITLE_LINK.source}`, "g");
/** Content written as reStructuredText, or as reStructuredText writes these tables and lists. */
const READ_AS_RST = new Set(["eval-rst", "list-table", "csv-table", "raw"]);

/** Comments and block breaks are only told from text in a page that is MyST. */
function usesMyst(lines: string[], markdown: string): boolean {
  return (
    [...markdown.matchAll(MYST_INLINE)].some((match) => match[1] === undefined) ||
    lines.some((line) => TARGET.test(line) || isKnownDirective(DIRECTIVE_OPEN.exec(line)))
  );
}

function isKnownDirective(open: RegExpExecArray | null): boolean {
  if (!open) return false;
  const name = open[3]!.toLowerCase();
  // In colons the content is always Markdown (sphinx-proof's `:::{prf:theorem} Title`); a backtick fence
  // naming what Sphinx does not know is code (```{r}).
  if (open[2]!.startsWith(":")) return true;
  return (
    HIDDEN.has(name) ||
    CODE.has(name) ||
    ADMONITIONS.has(name) ||
    CONTAINERS.has(name) ||
    TITLED_CONTENT.has(name) ||
    READ_AS_RST.has(name) ||
    name in VERSION_NOTES ||
    name === "rubric" ||
    name === "meta" ||
    name.startsWith("auto")
  );
}

/** `(label)=` over a heading: `{ref}`label`` shows that heading, as Sphinx renders it. */
function sectionTitles(lines: string[]): Map<string, string> {
  const titles = new Map<string, string>();
  for (const [i, line] of lines.entries()) {
    const target = TARGET.exec(line);
    if (!target) continue;
    const next = lines.slice(i + 1).find((l) => l.trim() && !TARGET.test(l));
    const heading = next ? HEADING.exec(next.trim()) : null;
    if (heading) titles.set(target[1]!.toLowerCase(), heading[1]!);
  }
  return titles;
}

function convert(lines: string[], context: InlineContext): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const open = DIRECTIVE_OPEN.exec(line);
    if (open && isKnownDirective(open)) {
      const [, indent = "", fence = "", name = "", argument = ""] = open;
      const end = closingLine(lines, i, fence);
      const body = lines.slice(i + 1, end).map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l.trimStart()));
      const shown = directive(name.toLowerCase(), inline(argument.trim(), context), body, context);
      if (shown) out.push("", ...shown.split("\n").map((l) => (l ? indent + l : l)), "");
      i = end;
      continue;
    }
    const code = OPENING_FENCE.exec(line);
    if (code) {
      const end = closingLine(lines, i, code[1]!);
      out.push(...lines.slice(i, end + 1));
      i = end;
      continue;
    }
    if (TARGET.test(line) || NOT_SHOWN.test(line)) continue;
    out.push(inline(line, context));
  }
  return out;
}

/** The fence closing the block opened at `start`: bare, of the same character, at least as long (or the end). */
function closingLine(lines: string[], start: number, fence: string): number {
  const closing = new RegExp(`^[ \\t]*[${fence[0]}]{${fence.length},}[ \\t]*$`);
  for (let i = start + 1; i < lines.length; i++) if (closing.test(lines[i]!)) return i;
  return lines.length;
}

function inline(text: string, context: InlineContext): string {
  return text.replace(MYST_INLINE, (whole, code?: string, role?: string, body?: string, target?: string) => {
    if (code !== undefined) return whole;
    if (role !== undefined) return interpretRole(role, body!.replace(/\\(.)/g, "$1"), context);
    const label = target!.replace(/^.*#/, "");
    // A label may be namespaced ("structure:fiscal-sponsor"); one defined elsewhere reads as its last part.
    return context.sectionTitles.get(label.toLowerCase()) ?? interpretRole("doc", label.replace(/^.*:/, ""), context);
  });
}

/** What the page shows for one directive, as Markdown (empty when nothing). */
function directive(name: string, argument: string, body: string[], context: InlineContext): string {
  const { options, content } = optionsAndContent(body);
  const markdown = (text: string[]) => convert(text, context).join("\n").trim();
  if (HIDDEN.has(name) || name === "meta") return "";
  if (CODE.has(name)) return content.some((l) => l.trim()) ? fencedCode(content.join("\n"), name === "math" ? "" : argument) : "";
  if (name === "eval-rst") return rstToMarkdown(content.join("\n")).markdown;
  if (READ_AS_RST.has(name)) {
    const cells = content.map((l) => (l ? `   ${inline(l, context)}` : l));
    const rst = [`.. ${name}:: ${argument}`, ...options.map((option) => `   ${option}`), "", ...cells];
    return rstToMarkdown(rst.join("\n")).markdown;
  }
  if (name in VERSION_NOTES) {
    const [version = "", ...rest] = argument.split(/\s+/);
    return versionNote(name, version, markdown([rest.join(" "), "", ...content]));
  }
  if (name === "rubric") return argument ? `**${argument}**` : "";
  if (ADMONITIONS.has(name)) return markdown([argument, "", ...content]);
  if (CONTAINERS.has(name) || name.startsWith("auto")) return markdown(content);
  // Titled content, or a directive in colons that Sphinx's own do not name.
  return withRunInTitle(argument, markdown(content));
}

/** Options come first, as `:name: value` lines or a YAML block between `---` lines; the content follows. */
function optionsAndContent(body: string[]): { options: string[]; content: string[] } {
  if (body[0]?.trim() === "---") {
    const end = body.findIndex((line, i) => i > 0 && line.trim() === "---");
    if (end > 0) return { options: body.slice(1, end).map((line) => `:${line.trim().replace(/:\s*/, ": ")}`), content: body.slice(end + 1) };
  }
  let start = 0;
  while (start < body.length && OPTION.test(body[start]!.trim())) start++;
  return { options: body.slice(0, start).map((line) => line.trim()), content: body.slice(start) };
}
