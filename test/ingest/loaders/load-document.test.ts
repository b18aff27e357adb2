import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { loaderFor, SUPPORTED_EXTENSIONS } from "../../../src/ingest/loaders/load-document.ts";
import { loadAsciidoc } from "../../../src/ingest/loaders/load-asciidoc.ts";
import { loadDoc } from "../../../src/ingest/loaders/load-doc.ts";
import { loadDocx } from "../../../src/ingest/loaders/load-docx.ts";
import { loadHtml } from "../../../src/ingest/loaders/load-html.ts";
import { loadMarkdown } from "../../../src/ingest/loaders/load-markdown.ts";
import { loadOdp } from "../../../src/ingest/loaders/load-odp.ts";
import { loadOds } from "../../../src/ingest/loaders/load-ods.ts";
import { loadOdt } from "../../../src/ingest/loaders/load-odt.ts";
import { loadPdf } from "../../../src/ingest/loaders/load-pdf.ts";
import { loadPptx } from "../../../src/ingest/loaders/load-pptx.ts";
import { loadRst } from "../../../src/ingest/loaders/load-rst.ts";
import { loadText } from "../../../src/ingest/loaders/load-text.ts";
import { loadXlsx } from "../../../src/ingest/loaders/load-xlsx.ts";

const FIXTURES = resolve(import.meta.dirname, "../../fixtures/loaders");

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
    ["onboarding.pptx", "onboarding.pptx", loadPptx],
    ["docs/expenses.rst", "expenses-guide.rst", loadRst],
    ["security.adoc", "security-guide.adoc", loadAsciidoc],
    ["remote-work.odt", "remote-work.odt", loadOdt],
    ["costs.ods", "office-costs.ods", loadOds],
    ["all-hands.odp", "all-hands.odp", loadOdp],
    ["security.asciidoc", "security-guide.adoc", loadAsciidoc],
    ["Rates.XLSX", "travel-rates.xlsx", loadXlsx],
    ["POLICY.PDF", "parental-leave.pdf", loadPdf],
    ["Readme.Md", "leave-policy.md", loadMarkdown],
  ])("picks the loader for %s (whatever the extension's case)", async (fileName, fixture, loader) => {
    const bytes = await readFile(join(FIXTURES, fixture));
    const picked = loaderFor(fileName);
    expect(picked).not.toBeNull();
    expect(await picked!(bytes, fileName)).toEqual(await loader(bytes, fileName));
  });

  it("has no loader for other formats, files without an extension, or dotfiles", () => {
    for (const fileName of ["legacy.xls", "slides.key", "legacy.rtf", "Makefile", "docs/.md", "archive.md.zip"]) {
      expect(loaderFor(fileName), fileName).toBeNull();
    }
  });

  it("lists every extension it loads, lower case with the dot", () => {
    expect([...SUPPORTED_EXTENSIONS].sort()).toEqual([
      ".adoc",
      ".asciidoc",
      ".csv",
      ".doc",
      ".docx",
      ".htm",
      ".html",
      ".markdown",
      ".md",
      ".mdx",
      ".odp",
      ".ods",
      ".odt",
      ".pdf",
      ".ppsx",
      ".pptm",
      ".pptx",
      ".rst",
      ".tsv",
      ".txt",
      ".xlsm",
      ".xlsx",
    ]);
    for (const extension of SUPPORTED_EXTENSIONS) expect(loaderFor(`file${extension}`)).not.toBeNull();
  });
});
