import { readFile } from "node:fs/promises";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { loadDocx } from "../../../src/ingest/loaders/load-docx.ts";
import { firstHeading } from "../../../src/ingest/loaders/first-heading.ts";

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

  it("rejects a corrupt DOCX with a clear error", async () => {
    await expect(loadDocx(await fixture("broken.docx"), "broken.docx")).rejects.toThrow(/could not read DOCX broken\.docx/);
  });

  it("rejects a zip that is not a Word document", async () => {
    const zip = new JSZip().file("notes.txt", "not a document");
    const bytes = await zip.generateAsync({ type: "nodebuffer" });
    await expect(loadDocx(bytes, "notes.docx")).rejects.toThrow(/could not read DOCX notes\.docx/);
  });
});
