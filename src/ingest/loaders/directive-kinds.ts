/**
 * Sphinx's directives by how a page shows them, for reStructuredText (`.. note::`) and MyST Markdown
 * (```` ```{note} ````), which write the same directives two ways.
 */
// Call-outs, read as their text with no label ("Note" says nothing); the text may start on the marker line,
// as a centered line's does.
export const ADMONITIONS = new Set(["note", "warning", "tip", "important", "caution", "attention", "danger", "error", "hint", "seealso", "centered"]);
// Containers whose argument is a class, a condition or a layout ("only:: html", "grid:: 1 2 2 2"), never shown.
export const CONTAINERS = new Set([
  "only",
  "ifconfig",
  "container",
  "class",
  "rst-class",
  "compound",
  "epigraph",
  "highlights",
  "pull-quote",
  "glossary",
  "hlist",
  "tabs",
  "tab-set",
  "grid",
  "grid-item",
  "figure",
]);
// Directives titled by their argument: the title runs into their text.
export const TITLED_CONTENT = new Set(["admonition", "topic", "sidebar", "tab", "tab-item", "card", "grid-item-card", "dropdown", "table", "margin"]);
// Sphinx 7.3 renamed them (and their wording); both spellings are in use.
export const VERSION_NOTES: Record<string, string> = {
  versionadded: "New in version",
  versionchanged: "Changed in version",
  deprecated: "Deprecated since version",
  versionremoved: "Removed in version",
  "version-added": "Added in version",
  "version-changed": "Changed in version",
  "version-deprecated": "Deprecated since version",
  "version-removed": "Removed in version",
};
export const CODE = new Set([
  "code-block",
  "code",
  "sourcecode",
  "productionlist",
  "math",
  "parsed-literal",
  "testcode",
  "testoutput",
  "testsetup",
  "testcleanup",
  "doctest",
  "code-tab",
  "prompt",
  "jupyter-execute",
  "ipython",
  "code-cell",
]);
// What does not show as text on the page, or is text in another file (includes, generated tables). Sphinx's
// auto* directives are not among them: the text under them shows, with the API documentation they pull in.
export const HIDDEN = new Set([
  "toctree",
  "image",
  "include",
  "literalinclude",
  "index",
  "contents",
  "highlight",
  "default-role",
  "role",
  "currentmodule",
  "module",
  "program",
  "sectionauthor",
  "moduleauthor",
  "codeauthor",
  "sectnum",
  "tabularcolumns",
  "todo",
  "graphviz",
  "digraph",
  "graph",
  "mermaid",
  "plot",
  "uml",
  "raw-latex",
  "footer",
  "header",
  "title",
  "default-domain",
  "autosummary",
  "program-output",
  "command-output",
  "spelling:word-list",
  "cssclass",
  "target-notes",
  "tableofcontents",
  "bibliography",
]);

/** A version note as Sphinx words it: "New in version 2.1: …". */
export function versionNote(name: string, version: string, text: string): string {
  return `${VERSION_NOTES[name]} ${version}${text ? `: ${text}` : "."}`;
}
