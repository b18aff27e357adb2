import { readFile } from "node:fs/promises";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { loadDocx } from "../../../src/ingest/loaders/load-docx.ts";
import { firstHeading } from "../../../src/ingest/loaders/first-heading.ts";
import { buildDocx } from "../../fixtures/loaders/make-fixtures.ts";

const fixture = (name: string) => readFile(new URL(`../../fixtures/loaders/${name}`, import.meta.url));

describe("loadDocx", () => {
  it("turns Word headings into Markdown headings and keeps the paragraphs", async () => {
    expect(await loadDocx(await fixture("expenses.docx"), "expenses.docx")).toEqual({
      title: "Travel expenses",
      url: null,
      markdown: "## Travel expenses\n\nBook trains in standard class for journeys under 4 hours.\n\nSubmit receipts within 30 days of travel.",
      keywords: "",
    });
  });

  it("heads the document with its Title paragraph, the Heading 1 sections under it, so the title names it", async () => {
    const { markdown } = await loadDocx(await fixture("security-policy.docx"), "security-policy.docx");
    expect(markdown).toBe(
      "# Information security policy\n\n## Purpose\n\nThis policy keeps customer data safe.\n\n## Passwords\n\nPasswords are at least 12 characters long.",
    );
    expect(firstHeading(markdown)).toBe("Information security policy");
  });

  it("reads a template's own heading styles by the outline level they inherit from Word's", async () => {
    // A policy template: its title and sections in "_Heading 1" and "_Heading 2", based on Word's headings;
    // "TOC Heading" is based on Heading 1 too but sets body level (9), as Word's own does.
    const styles = [
      `<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>`,
      `<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>`,
      `<w:style w:type="paragraph" w:styleId="Heading10"><w:name w:val="_Heading 1"/><w:basedOn w:val="Heading1"/></w:style>`,
      `<w:style w:type="paragraph" w:styleId="Heading20"><w:name w:val="_Heading 2"/><w:basedOn w:val="Heading2"/></w:style>`,
      `<w:style w:type="paragraph" w:styleId="TOCHeading"><w:name w:val="TOC Heading"/><w:basedOn w:val="Heading1"/><w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>`,
      `<w:style w:type="paragraph" w:styleId="BobsHeading"><w:name w:val="Bob's Heading \\ 2"/><w:basedOn w:val="Heading20"/></w:style>`,
      // A loop of basedOn ends without a level.
      `<w:style w:type="paragraph" w:styleId="A"><w:name w:val="A"/><w:basedOn w:val="B"/></w:style><w:style w:type="paragraph" w:styleId="B"><w:name w:val="B"/><w:basedOn w:val="A"/></w:style>`,
    ].join("");
    const bytes = await buildDocx(
      [
        { style: "Heading10", text: "Asset Management Policy" },
        { style: "TOCHeading", text: "Contents" },
        { style: "Heading20", text: "Purpose" },
        { text: "This policy sets the rules for the company's hardware and software." },
        { style: "BobsHeading", text: "Scope" },
        { style: "A", text: "All laptops and phones." },
      ],
      styles,
    );
    const { title, markdown } = await loadDocx(bytes, "asset-management.docx");
    expect(title).toBe("Asset Management Policy");
    expect(markdown).toBe(
      "## Asset Management Policy\n\nContents\n\n### Purpose\n\nThis policy sets the rules for the company's hardware and software.\n\n### Scope\n\nAll laptops and phones.",
    );
  });

  it("reads clauses a policy numbers by setting them in a heading style as text", async () => {
    const bytes = await buildDocx([
      { style: "Title", text: "Wireless Communication Standard" },
      { style: "Heading1", text: "Standard" },
      { text: "All wireless devices that connect to the network must:" },
      { style: "Heading3", text: "Use AES protocols with a minimum key length of 128 bits." },
      { style: "Heading3", text: "Change the default login and password" },
      { style: "Heading1", text: "Exceptions" },
      { text: "Any exception must be approved by the Infosec Team in advance." },
    ]);
    expect((await loadDocx(bytes, "wireless.docx")).markdown).toBe(
      [
        "# Wireless Communication Standard",
        "## Standard",
        "All wireless devices that connect to the network must:",
        "Use AES protocols with a minimum key length of 128 bits.",
        "Change the default login and password",
        "## Exceptions",
        "Any exception must be approved by the Infosec Team in advance.",
      ].join("\n\n"),
    );
  });

  it("leaves out the table of contents Word generates", async () => {
    const bytes = await buildDocx([
      { style: "Title", text: "Employee Handbook" },
      { text: "Table of Contents" },
      { style: "TOC1", text: "1. Introduction 7" },
      { style: "TOC2", text: "1.1 Employment At Will 8" },
      { style: "Heading1", text: "1. Introduction" },
      { text: "Welcome to the City." },
    ]);
    expect((await loadDocx(bytes, "handbook.docx")).markdown).toBe("# Employee Handbook\n\nTable of Contents\n\n## 1. Introduction\n\nWelcome to the City.");
  });

  it("rejects a corrupt DOCX with a clear error", async () => {
    await expect(loadDocx(await fixture("broken.docx"), "broken.docx")).rejects.toThrow(/could not read DOCX broken\.docx/);
  });

  it("rejects a zip that is not a Word document", async () => {
    const zip = new JSZip().file("notes.txt", "not a document");
    const bytes = await zip.generateAsync({ type: "nodebuffer" });
    await expect(loadDocx(bytes, "notes.docx")).rejects.toThrow(/could not read DOCX notes\.docx/);
  });
});
