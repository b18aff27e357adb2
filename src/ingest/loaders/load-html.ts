import type { Loader } from "../loaded-document.ts";
import { confluenceExportPage } from "./confluence-export-page.ts";
import { declaredCharset, decodeText } from "./decode-text.ts";
import { htmlToMarkdown } from "./html-to-markdown.ts";
import { pageTitle } from "./page-title.ts";
import { parseHtml } from "./parse-html.ts";

/**
 * An HTML page: only its <main> (or its articles) when it marks one, so site navigation, banners and
 * footers repeated on every page do not become search hits; title, canonical URL and keywords from the head.
 * A page of an unzipped Confluence export is its `#main-content` under its own title (confluenceExportPage).
 */
export const loadHtml: Loader = async (bytes) => {
  const document = parseHtml(decodeText(bytes, declaredCharset(bytes)));
  const keywords = ["keywords", "description"]
    .map((name) => metaContent(document, name))
    .filter(Boolean)
    .join(" ");
  const confluence = confluenceExportPage(document);
  const content = confluence ? [confluence.main] : mainContent(document);
  return {
    title: confluence?.title ?? pageTitle(document, content[0] ?? document),
    url: canonicalUrl(document),
    markdown: htmlToMarkdown(content.map((element) => element.outerHTML).join("\n")),
    keywords,
  };
};

/** The page's <main>, else its articles (a news page has several), else its <body>. */
function mainContent(document: Document): Element[] {
  const main = document.querySelector("main");
  if (main) return [main];
  // An article nested in another is already inside it.
  const articles = Array.from(document.querySelectorAll("article")).filter((article) => !article.parentElement?.closest("article"));
  return articles.length ? articles : [document.body];
}

function canonicalUrl(document: Document): string | null {
  for (const link of Array.from(document.querySelectorAll("link[rel][href]"))) {
    const rel = (link.getAttribute("rel") ?? "").toLowerCase().split(/\s+/);
    const href = link.getAttribute("href")?.trim() ?? "";
    if (rel.includes("canonical") && /^https?:\/\//i.test(href)) return href;
  }
  return null;
}

function metaContent(document: Document, name: string): string {
  const meta = Array.from(document.querySelectorAll("meta[name][content]")).find((element) => element.getAttribute("name")?.trim().toLowerCase() === name);
  return meta?.getAttribute("content")?.replace(/\s+/g, " ").trim() ?? "";
}
