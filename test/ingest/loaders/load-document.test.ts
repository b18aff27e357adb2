import { describe, expect, it } from "vitest";
import { loaderFor, SUPPORTED_EXTENSIONS } from "../../../src/ingest/loaders/load-document.ts";
import { loadDocx } from "../../../src/ingest/loaders/load-docx.ts";
import { loadHtml } from "../../../src/ingest/loaders/load-html.ts";
import { loadMarkdown } from "../../../src/ingest/loaders/load-markdown.ts";
import { loadPdf } from "../../../src/ingest/loaders/load-pdf.ts";
import { loadText } from "../../../src/ingest/loaders/load-text.ts";

describe("loaderFor", () => {
  it.each([
    ["pages/leave.md", loadMarkdown],
    ["leave.mdx", loadMarkdown],
    ["leave.markdown", loadMarkdown],
    ["notes.txt", loadText],
    ["site/index.html", loadHtml],
    ["old.htm", loadHtml],
    ["policy.pdf", loadPdf],
    ["expenses.docx", loadDocx],
  ])("picks the loader for %s", (fileName, loader) => {
    expect(loaderFor(fileName)).toBe(loader);
  });

  it("ignores the case of the extension", () => {
    expect(loaderFor("POLICY.PDF")).toBe(loadPdf);
    expect(loaderFor("Readme.Md")).toBe(loadMarkdown);
  });

  it("has no loader for other formats, files without an extension, or dotfiles", () => {
    for (const fileName of ["sheet.xlsx", "slides.pptx", "legacy.doc", "Makefile", "docs/.md", "archive.md.zip"]) {
      expect(loaderFor(fileName), fileName).toBeNull();
    }
  });

  it("lists every extension it loads, lower case with the dot", () => {
    expect([...SUPPORTED_EXTENSIONS].sort()).toEqual([".docx", ".htm", ".html", ".markdown", ".md", ".mdx", ".pdf", ".txt"]);
    for (const extension of SUPPORTED_EXTENSIONS) expect(loaderFor(`file${extension}`)).not.toBeNull();
  });
});
