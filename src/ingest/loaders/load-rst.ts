import type { Loader } from "../loaded-document.ts";
import { decodeText } from "./decode-text.ts";
import { rstToMarkdown } from "./rst-to-markdown.ts";

/**
 * reStructuredText (Sphinx and Read the Docs sites): titled by its first section, like a Markdown page. The
 * Markdown cleaner is not run over it: "<value>" and "{{ name }}" are text in rST, not tags to strip.
 */
export const loadRst: Loader = async (bytes) => {
  const { markdown, keywords } = rstToMarkdown(decodeText(bytes));
  return { title: null, url: null, markdown, keywords };
};
