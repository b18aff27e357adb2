import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import type { LoadedContent } from "../loaded-document.ts";
import { decodeText } from "../loaders/decode-text.ts";
import { htmlToMarkdown } from "../loaders/html-to-markdown.ts";
import { loadHtml } from "../loaders/load-html.ts";
import { ownTitle } from "../loaders/page-title.ts";
import { loaderFor } from "../loaders/load-document.ts";

/** Media types a website serves for the formats Docent reads, as the file extension their loader is chosen by. */
const EXTENSION_OF_TYPE: Record<string, string> = {
  "application/pdf": ".pdf",
  "text/markdown": ".md",
  "text/x-markdown": ".md",
  "text/plain": ".txt",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
};

/**
 * A fetched web page as Docent indexes it. HTML is reduced to its main content by Mozilla's Readability
 * (Firefox's reader view), so menus, banners, cookie notices and footers never become passages, then goes
 * through the same HTML-to-Markdown conversion as files; other formats go to their usual loader. The page's
 * address is its citation link, whatever canonical URL the page declares.
 */
export async function extractPage(bytes: Buffer, contentType: string, pageUrl: string): Promise<LoadedContent> {
  const mediaType = contentType.split(";")[0]!.trim().toLowerCase();
  if (mediaType === "text/html" || mediaType === "application/xhtml+xml" || (!mediaType && looksLikeHtml(bytes))) {
    return { ...(await extractHtml(bytes, contentType)), url: pageUrl };
  }
  const extension = EXTENSION_OF_TYPE[mediaType];
  // A server that says only "application/octet-stream" still names the file in the path (`/policies/leave.pdf`).
  const loader = extension ? loaderFor(`page${extension}`) : loaderFor(new URL(pageUrl).pathname);
  if (!loader) throw new Error(`unsupported content type "${mediaType || "none"}"`);
  return { ...(await loader(bytes, new URL(pageUrl).pathname)), url: pageUrl };
}

async function extractHtml(bytes: Buffer, contentType: string): Promise<LoadedContent> {
  const { document } = parseHTML(decodeText(bytes, charsetOf(contentType, bytes)));
  // Read before Readability runs: it rewrites the document it is given.
  const title = textOf(document.querySelector("title")) || null;
  const own = ownTitle(document, document.querySelector("main") ?? document);
  const keywords = ["keywords", "description"]
    .map((name) => document.querySelector(`meta[name="${name}" i]`)?.getAttribute("content")?.replace(/\s+/g, " ").trim() ?? "")
    .filter(Boolean)
    .join(" ");
  const article = new Readability(document as unknown as Document).parse();
  const markdown = article?.content ? htmlToMarkdown(article.content) : "";
  if (!markdown) {
    // Readability gives up on pages without a body of prose (a table of contacts, a form); the page's
    // <main> or <body> then stands, as for HTML files.
    const page = await loadHtml(bytes, "page.html");
    return { ...page, title: own ?? page.title ?? title, keywords: page.keywords || keywords };
  }
  return { title: own ?? (article?.title?.trim() || title), url: null, markdown, keywords };
}

/** The charset named by the Content-Type header, else by a `<meta charset>` in the first bytes, else UTF-8. */
function charsetOf(contentType: string, bytes: Buffer): string {
  const head = bytes.subarray(0, 1024).toString("latin1");
  const label = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType)?.[1] ?? /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1];
  if (!label) return "utf-8";
  try {
    const encoding = new TextDecoder(label).encoding;
    // A page whose first bytes read as ASCII cannot be UTF-16, whatever it claims; browsers use UTF-8 then too.
    return encoding.startsWith("utf-16") ? "utf-8" : encoding;
  } catch {
    return "utf-8";
  }
}

function textOf(node: { textContent: string | null } | null): string {
  return node?.textContent?.replace(/\s+/g, " ").trim() ?? "";
}

function looksLikeHtml(bytes: Buffer): boolean {
  return /^\s*(?:<!doctype html|<html|<head|<body)/i.test(bytes.subarray(0, 512).toString("latin1"));
}
