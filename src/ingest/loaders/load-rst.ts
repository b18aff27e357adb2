import type { Loader } from "../loaded-document.ts";
import { cleanMarkdown } from "./clean-markdown.ts";
import { decodeText } from "./decode-text.ts";
import { rstToMarkdown } from "./rst-to-markdown.ts";

/** reStructuredText (Sphinx and Read the Docs sites): titled by its first section, like a Markdown page. */
export const loadRst: Loader = async (bytes) => {
  const { markdown, keywords } = rstToMarkdown(decodeText(bytes));
  return { title: null, url: null, markdown: cleanMarkdown(markdown), keywords };
};
