import Asciidoctor from "@asciidoctor/core";
import type { Loader } from "../loaded-document.ts";
import { decodeText } from "./decode-text.ts";
import { htmlToMarkdown } from "./html-to-markdown.ts";
import { parseHtml } from "./parse-html.ts";

// Asciidoctor itself (its reference implementation compiled to JavaScript) reads attributes, conditionals,
// tables and lists exactly as the published page shows them.
const asciidoctor = Asciidoctor();
// Its warnings (a missing include, an unknown attribute) would go to the console of whoever syncs, once per file.
asciidoctor.LoggerManager.setLogger(asciidoctor.NullLogger.create());

const OPTIONS = {
  // A document never reads files or URLs: includes stay links, which are then left out.
  safe: "secure",
  attributes: { showtitle: "", "toc!": "", "sectanchors!": "", "icons!": "", "attribute-missing": "skip" },
};

/**
 * AsciiDoc (Antora and Asciidoctor sites): converted by Asciidoctor to HTML, then read as any HTML page, so
 * the title is the document title, sections are headings and tables are tables. Call-outs ("NOTE: …") read
 * as their text, as on the page; `:keywords:` and `:description:` are search words.
 */
export const loadAsciidoc: Loader = async (bytes) => {
  const document = asciidoctor.load(decodeText(bytes), OPTIONS);
  const title = document.getDocumentTitle({ sanitize: true });
  const keywords = ["keywords", "description"].map((name) => String(document.getAttribute(name) ?? "")).filter(Boolean);
  return {
    title: typeof title === "string" && title.trim() ? title.trim() : null,
    url: null,
    // Asciidoctor puts a zero-width space after an ellipsis it typesets ("<file>…").
    // A bold paragraph is no heading here, as it is in a Word document: AsciiDoc has sections for that.
    markdown: htmlToMarkdown(readableHtml(document.convert()), { boldHeadings: false }).replace(/\u200b/g, ""),
    keywords: keywords.join(" "),
  };
};

/** What Asciidoctor lays out for the eye: a call-out is a table of icon and text, an include a link to the file. */
function readableHtml(html: string): string {
  const page = parseHtml(html);
  for (const admonition of Array.from(page.querySelectorAll(".admonitionblock"))) {
    const box = page.createElement("div");
    // domino, the parser Turndown brings, has appendChild but not append.
    for (const node of Array.from(admonition.querySelector("td.content")?.childNodes ?? [])) box.appendChild(node);
    const title = Array.from(box.children).find((child) => child.classList.contains("title"));
    if (title) runIn(page, title);
    admonition.replaceWith(box);
  }
  // An include is a link to the file in secure mode; the text around it on the same lines stays.
  for (const include of Array.from(page.querySelectorAll("a.include"))) {
    const paragraph = include.closest(".paragraph");
    include.remove();
    if (paragraph && !paragraph.textContent?.trim()) paragraph.remove();
  }
  // A literal block (`....`, an indented one) is a <pre> without <code>, which would read as prose: "1. x" a
  // list, "# x" a heading.
  for (const pre of Array.from(page.querySelectorAll("pre"))) {
    if (pre.querySelector("code")) continue;
    const code = page.createElement("code");
    for (const node of Array.from(pre.childNodes)) code.appendChild(node);
    pre.appendChild(code);
  }
  // A cross-reference to a section in another file shows its id in brackets ("[_rebase_peril]"): read as words.
  for (const link of Array.from(page.querySelectorAll('a[href^="#"]'))) {
    const id = link.getAttribute("href")!.slice(1);
    if (link.textContent === `[${id}]`) link.textContent = id.replace(/[_-]+/g, " ").trim();
  }
  // "Per diem:: Meals and incidentals." shows the term above its text; run in, a quote of it names the term.
  for (const list of Array.from(page.querySelectorAll(".dlist > dl"))) {
    const items = page.createElement("div");
    const terms: Element[] = [];
    for (const child of Array.from(list.children)) {
      if (child.nodeName === "DT") {
        const term = page.createElement("div");
        term.innerHTML = child.innerHTML;
        terms.push(items.appendChild(term));
      } else for (const node of Array.from(child.childNodes)) items.appendChild(node);
    }
    list.replaceWith(items);
    for (const term of terms) runIn(page, term);
  }
  return page.body.innerHTML;
}

/**
 * A title or term runs into the paragraph after it ("Lost receipts: write a statement…"), which reads as one
 * sentence when quoted; above a list, table or code it stands alone in bold.
 */
function runIn(page: Document, label: Element): void {
  const next = label.nextElementSibling;
  const paragraph = next?.nodeName === "P" ? next : next?.classList.contains("paragraph") ? next.querySelector("p") : null;
  const text = label.innerHTML.trim();
  if (paragraph) {
    paragraph.innerHTML = `<strong>${text}</strong>${/[.?!:]$/.test(label.textContent?.trim() ?? "") ? "" : ":"} ${paragraph.innerHTML}`;
    label.remove();
    return;
  }
  const alone = page.createElement("p");
  alone.innerHTML = `<strong>${text}</strong>`;
  label.replaceWith(alone);
}
