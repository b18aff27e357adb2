import { readFile } from "node:fs/promises";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { loadDocx } from "../../../src/ingest/loaders/load-docx.ts";

const fixture = (name: string) => readFile(new URL(`../../fixtures/loaders/${name}`, import.meta.url));

describe("loadDocx", () => {
  it("turns Word headings into Markdown headings and keeps the paragraphs", async () => {
    expect(await loadDocx(await fixture("expenses.docx"), "expenses.docx")).toEqual({
      title: null,
      url: null,
      markdown: "# Travel expenses\n\nBook trains in standard class for journeys under 4 hours.\n\nSubmit receipts within 30 days of travel.",
      keywords: "",
    });
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
