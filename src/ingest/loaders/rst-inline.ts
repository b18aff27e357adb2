/**
 * reStructuredText's inline markup as Markdown, so the Markdown cleaner treats it as it treats any page:
 * literals become code spans, links keep their text, and Sphinx's roles read as the rendered page shows
 * them (":pep:`8`" as "PEP 8", ":func:`~os.path.join`" as "join", ":ref:`text <label>`" as "text").
 */
export interface InlineContext {
  /** `|name|` → its `replace::` text, from the document's substitution definitions. */
  substitutions: ReadonlyMap<string, string>;
  /** A `.. _label:` target → the title of the section it marks, so `:ref:`label`` reads as Sphinx renders it. */
  sectionTitles: ReadonlyMap<string, string>;
}

// Roles whose text is a name in code (Python, C and JavaScript domains, files, commands, options).
const CODE_ROLES = new Set([
  "attr",
  "class",
  "const",
  "data",
  "exc",
  "func",
  "meth",
  "mod",
  "obj",
  "type",
  "member",
  "macro",
  "var",
  "expr",
  "envvar",
  "option",
  "file",
  "samp",
  "command",
  "program",
  "code",
  "literal",
  "kbd",
  "makevar",
  "regexp",
  "mimetype",
  "keyword",
  "token",
  "enum",
  "struct",
  "union",
  "func-alias",
  "cpp",
  "py",
  "c",
  "js",
]);
// Roles whose text is literal: "<branch>" in :samp:`git checkout <branch>` is part of the command, no link target.
const LITERAL_ROLES = new Set(["samp", "file", "kbd", "command", "program", "code", "literal", "makevar", "regexp", "mimetype", "math"]);
// Roles that point at a section, document or glossary entry: Sphinx shows the target's title.
const CROSS_REFERENCE_ROLES = new Set(["ref", "doc", "term", "numref", "any", "download", "std:ref", "std:doc", "std:term"]);

const PLACEHOLDER = /\uE010(\d+)\uE011/g;

export function rstInline(text: string, context: InlineContext): string {
  const kept: string[] = [];
  const keep = (markdown: string) => `\uE010${kept.push(markdown) - 1}\uE011`;
  let out = text
    // Inline literals first: nothing inside them is markup.
    // Bounded, so an unclosed "``" on every line of a long paragraph is not searched to its end each time.
    .replace(/(?<![\w`\\])``(?!\s)([\s\S]{1,2000}?)(?<!\s)``(?![\w`])/g, (_, code: string) => keep(codeSpan(code)))
    .replace(/(?<![\w`\\]):([\w.+:-]+):`((?:[^`\\]|\\.)+)`(?!\w)/g, (_, role: string, body: string) => keep(interpretRole(role, withoutEscapes(body), context)))
    .replace(/(?<![\w`\\])`((?:[^`\\]|\\.)+)`:([\w.+:-]+):/g, (_, body: string, role: string) => keep(interpretRole(role, withoutEscapes(body), context)))
    // Hyperlinks: `text <url>`_, `<url>`_, `text <name_>`_, `text`_ and anonymous `…`__.
    .replace(/(?<![\w`\\])`((?:[^`\\]|\\.)+)`__?(?![\w])/g, (_, body: string) => keep(hyperlink(withoutEscapes(body))))
    // Interpreted text without a role: Sphinx's default role renders it as emphasis or as a name.
    .replace(/(?<![\w`\\])`((?:[^`\\]|\\.)+)`(?![\w`])/g, (_, body: string) => keep(withoutEscapes(body)))
    .replace(/(?<![\w\\])_`([^`]+)`/g, (_, target: string) => keep(target))
    // A reference starts and ends where inline markup may ("RED|GREEN|BLUE" in a sentence is no reference).
    .replace(
      /(?<=^|[\s'"([{<\-/:])\|([^|\s](?:[^|]*[^|\s])?)\|(?:__?)?(?=$|[\s'")\]}>\-/:.,;!?\\])/gm,
      (whole, name: string) => context.substitutions.get(name) ?? (/^[\w .-]+$/.test(name) ? name : whole),
    )
    // Footnote and citation references ("[1]_", "[#note]_") point at text kept elsewhere.
    .replace(/\s?\[(?:#[\w-]*|\*|\d+|[A-Za-z][\w.-]*)\]_(?![\w])/g, "")
    // A named reference "Python_" or anonymous "here__" reads as its word.
    .replace(/(?<=(?:^|[\s(["'])[A-Za-z][\w.-]{0,100}[A-Za-z0-9])__?(?=$|[\s.,;:!?)\]"'])/gm, "");
  out = unescapeProse(out);
  return out.replace(PLACEHOLDER, (_, i: string) => kept[Number(i)]!);
}

/** A role's text as Sphinx shows it, whichever way the role is written (`:ref:` in reStructuredText, `{ref}` in MyST). */
export function interpretRole(role: string, body: string, context: InlineContext): string {
  const name = role.toLowerCase();
  const bare = name.replace(/^(?:py|c|cpp|js|std|rst|math):(?=.)/, "");
  const { text, target } = LITERAL_ROLES.has(bare) ? { text: body.replace(/\s+/g, " ").trim(), target: null } : titleAndTarget(body);
  if (bare === "pep" || bare === "rfc") return `${bare.toUpperCase()} ${(target ?? text).replace(/#.*$/, "")}`;
  if (CROSS_REFERENCE_ROLES.has(name) || CROSS_REFERENCE_ROLES.has(bare)) {
    if (target !== null) return text;
    const label = text.replace(/^[~!]/, "");
    if (bare === "term") return label;
    return context.sectionTitles.get(label.toLowerCase()) ?? humanize(label.split("/").pop() ?? label);
  }
  if (bare === "abbr" || bare === "guilabel" || bare === "menuselection") {
    return text.replace(/&(?=\w)/g, "").replace(/\s*-->\s*/g, " → ");
  }
  if (bare === "math") return codeSpan(text);
  if (CODE_ROLES.has(bare) || CODE_ROLES.has(name) || name.includes(":")) {
    // "~os.path.join" shows its last part; "!name" is a name not to link.
    const shown = target !== null ? text : text.startsWith("~") ? text.slice(1).split(".").pop()! : text.replace(/^!/, "");
    return codeSpan(shown.replace(/[{}]/g, ""));
  }
  // Extension roles (":gh:`1234`", ":source:`Lib/os.py`"): their text is what shows.
  return text;
}

/** `text <target>` → text and target; a lone target → itself with no title. */
function titleAndTarget(body: string): { text: string; target: string | null } {
  const match = /^([\s\S]*?)\s*<([^<>]+)>$/.exec(body.trim());
  if (match && match[1]!.trim()) return { text: match[1]!.replace(/\s+/g, " ").trim(), target: match[2]!.trim() };
  if (match) return { text: match[2]!.trim(), target: null };
  return { text: body.replace(/\s+/g, " ").trim(), target: null };
}

/** A link reads as its text, as on the page: its address would only add noise to the index. */
function hyperlink(body: string): string {
  return titleAndTarget(body).text;
}

/** A label such as "setup-building" as words, when the section it names is in another document. */
function humanize(label: string): string {
  return label
    .replace(/\.\w+$/, "")
    .replace(/[-_]+/g, " ")
    .trim();
}

function codeSpan(code: string): string {
  const text = code.replace(/\s+/g, " ");
  const fence = "`".repeat((text.match(/`+/g) ?? []).reduce((longest, run) => Math.max(longest, run.length), 0) + 1);
  return fence.length > 1 || /^`|`$/.test(text) ? `${fence} ${text} ${fence}` : `\`${text}\``;
}

/** Inside roles and links a backslash escapes the next character. */
function withoutEscapes(text: string): string {
  return text.replace(/\\(.)/g, "$1");
}

/** "\ " joins words to markup without a space; "\*" is a literal star, written as Markdown escapes it. */
function unescapeProse(text: string): string {
  return text.replace(/\\(\s|.)/g, (_, char: string) => (/\s/.test(char) ? "" : /[*_`[\]\\#<>|]/.test(char) ? `\\${char}` : char));
}
