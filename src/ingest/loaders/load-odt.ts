import { titleOrFileName } from "../file-title.ts";
import type { Loader } from "../loaded-document.ts";
import { demoteBodyHeadings } from "./demote-body-headings.ts";
import { firstHeading } from "./first-heading.ts";
import { readOdfStyles, readOdfText } from "./odf-text.ts";
import { openZipPackage, xmlTokens } from "./office-package.ts";

/**
 * An OpenDocument text (LibreOffice Writer's `.odt`): a Title paragraph and headings by their outline level under it, paragraphs, lists as
 * nested Markdown lists, tables as Markdown tables, footnotes after the paragraph that cites them; clauses set
 * in a heading style as text (demoteBodyHeadings). Titled by its first heading, else by its metadata's title.
 */
export const loadOdt: Loader = async (bytes, fileName) => {
  const pkg = await openZipPackage(bytes, fileName, "ODT");
  const content = await pkg.read("content.xml");
  if (content === null) throw new Error(`could not read ODT ${fileName}: it has no content.xml`);
  const meta = (await pkg.read("meta.xml")) ?? "";
  const markdown = demoteBodyHeadings(readOdfText(xmlTokens(content), readOdfStyles(xmlTokens((await pkg.read("styles.xml")) ?? ""))).join("\n\n"));
  // Metadata carried over from a template ("Template v2 DRAFT") is often stale: a heading, when there is one, titles it.
  const title = (/^#{1,6} /m.test(markdown) ? null : metaTitle(meta)) ?? titleOrFileName(firstHeading(markdown), fileName);
  return { title, url: null, markdown, keywords: metaKeywords(meta) };
};

function metaTitle(meta: string): string | null {
  const title = elementText(meta, "title");
  return title || null;
}

function metaKeywords(meta: string): string {
  return [...elementTexts(meta, "keyword"), elementText(meta, "subject"), elementText(meta, "description")].filter(Boolean).join(" ");
}

function elementText(xml: string, name: string): string {
  return elementTexts(xml, name)[0] ?? "";
}

function elementTexts(xml: string, name: string): string[] {
  const texts: string[] = [];
  let current: string | null = null;
  for (const token of xmlTokens(xml)) {
    if (token.kind === "open" && token.name === name) current = "";
    else if (token.kind === "text" && current !== null) current += token.text;
    else if (token.kind === "close" && token.name === name && current !== null) {
      texts.push(current.replace(/\s+/g, " ").trim());
      current = null;
    }
  }
  return texts.filter(Boolean);
}
