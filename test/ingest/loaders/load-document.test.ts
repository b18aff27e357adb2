import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { loaderFor } from "../../../src/ingest/loaders/load-document.ts";
import { loadAsciidoc } from "../../../src/ingest/loaders/load-asciidoc.ts";
import { loadDoc } from "../../../src/ingest/loaders/load-doc.ts";
import { loadDocx } from "../../../src/ingest/loaders/load-docx.ts";
import { loadHtml } from "../../../src/ingest/loaders/load-html.ts";
import { loadMarkdown } from "../../../src/ingest/loaders/load-markdown.ts";
import { loadOdp } from "../../../src/ingest/loaders/load-odp.ts";
import { loadOds } from "../../../src/ingest/loaders/load-ods.ts";
import { loadOdt } from "../../../src/ingest/loaders/load-odt.ts";
import { loadPdf } from "../../../src/ingest/loaders/load-pdf.ts";
import { loadPpt } from "../../../src/ingest/loaders/load-ppt.ts";
import { loadPptx } from "../../../src/ingest/loaders/load-pptx.ts";
import { loadRtf } from "../../../src/ingest/loaders/load-rtf.ts";
import { loadRst } from "../../../src/ingest/loaders/load-rst.ts";
import { loadText } from "../../../src/ingest/loaders/load-text.ts";
import { loadXls } from "../../../src/ingest/loaders/load-xls.ts";
import { loadXlsx } from "../../../src/ingest/loaders/load-xlsx.ts";

const FIXTURES = resolve(import.meta.dirname, "../../fixtures/loaders");

/** The package with its main part declared as another type: OOXML in `[Content_Types].xml`, ODF in `mimetype`. */
async function retyped(bytes: Buffer, type: string, newType: string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  const declaration = zip.file("[Content_Types].xml") ? "[Content_Types].xml" : "mimetype";
  const text = await zip.file(declaration)!.async("string");
  expect(text).toContain(type);
  zip.file(declaration, text.replace(type, newType));
  return zip.generateAsync({ type: "nodebuffer" });
}

/** Loaders are imported on first use, so the one picked is told by what it makes of a file. */
describe("loaderFor", () => {
  it.each([
    ["pages/leave.md", "leave-policy.md", loadMarkdown],
    ["leave.mdx", "leave-policy.md", loadMarkdown],
    ["leave.markdown", "leave-policy.md", loadMarkdown],
    ["notes.txt", "leave-policy.md", loadText],
    ["site/index.html", "intranet-page.html", loadHtml],
    ["old.htm", "intranet-page.html", loadHtml],
    ["policy.pdf", "parental-leave.pdf", loadPdf],
    ["expenses.docx", "expenses.docx", loadDocx],
    ["Old Leave Policy.DOC", "old-leave-policy.doc", loadDoc],
    ["travel.rtf", "travel-policy.rtf", loadRtf],
    ["onboarding.pptx", "onboarding.pptx", loadPptx],
    ["All Hands.PPT", "all-hands.ppt", loadPpt],
    ["docs/expenses.rst", "expenses-guide.rst", loadRst],
    ["security.adoc", "security-guide.adoc", loadAsciidoc],
    ["remote-work.odt", "remote-work.odt", loadOdt],
    ["costs.ods", "office-costs.ods", loadOds],
    ["all-hands.odp", "all-hands.odp", loadOdp],
    ["security.asciidoc", "security-guide.adoc", loadAsciidoc],
    ["Rates.XLSX", "travel-rates.xlsx", loadXlsx],
    ["budget.xls", "budget.xls", loadXls],
    ["POLICY.PDF", "parental-leave.pdf", loadPdf],
    ["Readme.Md", "leave-policy.md", loadMarkdown],
  ])("picks the loader for %s (whatever the extension's case)", async (fileName, fixture, loader) => {
    const bytes = await readFile(join(FIXTURES, fixture));
    const picked = loaderFor(fileName);
    expect(picked).not.toBeNull();
    expect(await picked!(bytes, fileName)).toEqual(await loader(bytes, fileName));
  });

  // A template or macro-enabled file differs from the plain one in its package's declared content type only.
  it.each([
    ["Policy Template.dotx", "expenses.docx", "wordprocessingml.document.main+xml", "wordprocessingml.template.main+xml"],
    ["policy.docm", "expenses.docx", "officedocument.wordprocessingml.document.main+xml", "ms-word.document.macroEnabled.main+xml"],
    ["deck.potx", "onboarding.pptx", "presentationml.presentation.main+xml", "presentationml.template.main+xml"],
    ["rates.xltx", "travel-rates.xlsx", "spreadsheetml.sheet.main+xml", "spreadsheetml.template.main+xml"],
    ["remote-work.ott", "remote-work.odt", "opendocument.text", "opendocument.text-template"],
    ["costs.ots", "office-costs.ods", "opendocument.spreadsheet", "opendocument.spreadsheet-template"],
    ["all-hands.otp", "all-hands.odp", "opendocument.presentation", "opendocument.presentation-template"],
  ])("reads %s, a template or macro-enabled file, as the document it is packaged like", async (fileName, fixture, type, templateType) => {
    const plain = await readFile(join(FIXTURES, fixture));
    const template = await retyped(plain, type, templateType);
    const read = await loaderFor(fileName)!(template, fileName);
    expect(read.markdown).not.toBe("");
    expect(read).toEqual(await loaderFor(fixture)!(plain, fileName));
  });

  it.each([
    ["leave policy.docx", "old-leave-policy.doc", loadDoc],
    ["budget.xlsx", "budget.xls", loadXls],
    ["all hands.pptx", "all-hands.ppt", loadPpt],
  ])("reads %s, a 97–2003 file renamed with the new extension, as what it is, as Office does", async (fileName, fixture, loader) => {
    const bytes = await readFile(join(FIXTURES, fixture));
    expect(await loaderFor(fileName)!(bytes, fileName)).toEqual(await loader(bytes, fileName));
  });

  it("reads a Word 97–2003 template (.dot) as a .doc", async () => {
    const bytes = await readFile(join(FIXTURES, "old-leave-policy.doc"));
    expect((await loaderFor("letterhead.dot")!(bytes, "letterhead.dot")).markdown).toContain("## Annual leave");
  });

  it("reads a page written as an ERB template (GOV.UK's tech-docs, Middleman) as the page it renders", async () => {
    const page = [
      "---",
      "title: How to store and query logs",
      "---",
      "",
      "# <%= current_page.data.title %>",
      "<%= partial 'partials/site-banner' %>",
      "",
      "<%= warning_text('Do not keep logs with personal data for longer than 30 days.') %>",
      "",
      "Use [Splunk] to store and query logs.<%# reviewed yearly %>",
      "",
      "[Splunk]: https://splunk.example",
    ].join("\n");
    const loaded = await loaderFor("standards/logging.html.md.erb")!(Buffer.from(page), "standards/logging.html.md.erb");
    expect(loaded.title).toBe("How to store and query logs");
    expect(loaded.markdown).toBe(
      "# How to store and query logs\n\nDo not keep logs with personal data for longer than 30 days.\n\nUse Splunk to store and query logs.",
    );
    const html = await loaderFor("about.html.erb")!(Buffer.from("<h1>About <%= @team %></h1><p>We run <% if x %>the<% end %> platform.</p>"), "about.html.erb");
    expect(html.markdown).toContain("We run the platform.");
    expect(html.markdown).not.toContain("<%");
  });

  it("leaves out what an ERB page captures for its layout's other regions, such as the sidebar's navigation", async () => {
    const page = [
      "<% content_for :sidebar do %>",
      "<ul>",
      "  <li><a href='#about'>About</a></li>",
      "  <% if show_more %><li><%= partial 'partials/nav-more' %></li><% end %>",
      "  <% sections.each do |section| %><li><%= section %></li><% end %>",
      "</ul>",
      "<% end %>",
      "",
      "# The Way",
      "",
      "The Way guides teams to build and operate digital services.",
    ].join("\n");
    const loaded = await loaderFor("index.html.md.erb")!(Buffer.from(page), "index.html.md.erb");
    expect(loaded.markdown).toBe("# The Way\n\nThe Way guides teams to build and operate digital services.");
  });

  it("has no loader for other formats, files without an extension, dotfiles, or templates of code", () => {
    for (const fileName of ["legacy.xlsb", "slides.key", "notes.pages", "Makefile", "docs/.md", "archive.md.zip", "config.yml.erb", "helper.rb.erb", "x.erb"]) {
      expect(loaderFor(fileName), fileName).toBeNull();
    }
  });

  it("reads every extension of the formats it knows, whatever its case", () => {
    const extensions = [
      ".adoc",
      ".asciidoc",
      ".csv",
      ".doc",
      ".docm",
      ".docx",
      ".dot",
      ".dotm",
      ".dotx",
      ".eml",
      ".htm",
      ".html",
      ".ipynb",
      ".markdoc",
      ".markdown",
      ".md",
      ".mdoc",
      ".mdown",
      ".mdwn",
      ".mdx",
      ".mkd",
      ".mkdn",
      ".msg",
      ".odp",
      ".ods",
      ".odt",
      ".otp",
      ".ots",
      ".ott",
      ".pdf",
      ".pot",
      ".potm",
      ".potx",
      ".pps",
      ".ppsm",
      ".ppsx",
      ".ppt",
      ".pptm",
      ".pptx",
      ".qmd",
      ".rmd",
      ".rst",
      ".rtf",
      ".tsv",
      ".txt",
      ".xls",
      ".xlsm",
      ".xlsx",
      ".xltm",
      ".xltx",
    ];
    for (const extension of extensions) {
      expect(loaderFor(`file${extension}`), extension).not.toBeNull();
      expect(loaderFor(`FILE${extension.toUpperCase()}`), extension).not.toBeNull();
    }
  });
});
