import { extname } from "node:path";
import type { LoadedContent } from "../loaded-document.ts";
import { decodeText } from "../loaders/decode-text.ts";
import { firstHeading } from "../loaders/first-heading.ts";
import { htmlToMarkdown } from "../loaders/html-to-markdown.ts";
import { loaderFor } from "../loaders/load-document.ts";
import { parseHtml } from "../loaders/parse-html.ts";
import { notionId, stripNotionId } from "./notion-id.ts";
import { withHeadingChain } from "./with-heading-chain.ts";

export interface NotionPageOptions {
  /** The file's path inside the export: its folders are the page's ancestors. */
  path: string;
  /** e.g. `https://www.notion.so/{id}`. */
  urlPattern?: string;
}

/**
 * One page of a Notion export (Markdown or HTML; attached PDFs and Word files go to their usual loader).
 * Notion nests subpages in a folder named like their parent page, so the folders are the hierarchy:
 * `Handbook <id>/People <id>/Leave policy <id>.md` has the heading chain `Handbook › People › Leave policy`.
 * The title is the page's first heading (Markdown) or `.page-title` (HTML), else the file name without
 * its id. Notion exports carry no page addresses: the URL is null unless `urlPattern` builds one from the id.
 *
 * Folders without an id are kept in the chain as they are (an export of plain folders reads the same way),
 * except Notion's own `Export-<uuid>` wrapper.
 */
export async function readNotionPage(bytes: Buffer, options: NotionPageOptions): Promise<LoadedContent> {
  const parts = options.path.split("/");
  const fileName = parts.at(-1)!;
  const ancestors = parts
    .slice(0, -1)
    .filter((folder) => !/^Export-[0-9a-f-]{8,}$/i.test(folder))
    .map(stripNotionId);
  const ownTitle = stripNotionId(fileName.slice(0, fileName.length - extname(fileName).length));
  const extension = extname(fileName).toLowerCase();
  let content: LoadedContent;
  if (extension === ".html" || extension === ".htm") {
    const document = parseHtml(decodeText(bytes));
    const body = document.querySelector(".page-body");
    const fromHtml = textOf(document.querySelector(".page-title")) || textOf(document.querySelector("title"));
    content = { title: fromHtml || null, url: null, markdown: htmlToMarkdown(body ? body.innerHTML : document.body.innerHTML), keywords: "" };
  } else {
    const loader = loaderFor(fileName);
    if (!loader) throw new Error(`no loader for ${fileName}`);
    content = await loader(bytes, fileName);
  }
  const title = content.title || (extension === ".md" ? firstHeading(content.markdown) : null) || ownTitle;
  const id = notionId(fileName.slice(0, fileName.length - extname(fileName).length));
  return {
    title,
    url: content.url ?? (id && options.urlPattern ? options.urlPattern.replaceAll("{id}", id.toLowerCase()) : null),
    markdown: withHeadingChain([...ancestors, title], content.markdown),
    keywords: content.keywords,
  };
}

function textOf(node: Element | null): string {
  return node?.textContent?.replace(/\s+/g, " ").trim() ?? "";
}
