import { readFile } from "node:fs/promises";
import { describe, expect, it, vi } from "vitest";
import { loadPdf } from "../../../src/ingest/loaders/load-pdf.ts";

const fixture = (name: string) => readFile(new URL(`../../fixtures/loaders/${name}`, import.meta.url));

describe("loadPdf", () => {
  it("takes the title from the PDF's document information", async () => {
    expect((await loadPdf(await fixture("parental-leave.pdf"), "parental-leave.pdf")).title).toBe("Parental Leave Policy");
  });

  it("extracts the text line by line, with a blank line between pages", async () => {
    expect((await loadPdf(await fixture("parental-leave.pdf"), "parental-leave.pdf")).markdown).toBe(
      [
        "Employees receive 12 weeks of paid parental leave.",
        "Leave may start up to 4 weeks before the due date.",
        "",
        "Request leave through the HR portal.",
        "Your manager approves it within 5 working days.",
      ].join("\n"),
    );
  });

  it("yields empty Markdown and a null title for a PDF without text or title", async () => {
    expect(await loadPdf(await fixture("blank.pdf"), "blank.pdf")).toEqual({ title: null, url: null, markdown: "", keywords: "" });
  });

  it("rejects a corrupt PDF with a clear error", async () => {
    await expect(loadPdf(await fixture("broken.pdf"), "broken.pdf")).rejects.toThrow(/could not read PDF broken\.pdf: Invalid PDF structure/);
  });

  it("rejects a file that is not a PDF at all", async () => {
    await expect(loadPdf(Buffer.from("Just some text"), "notes.pdf")).rejects.toThrow(/PDF notes\.pdf/);
  });

  it("leaves the caller's buffer usable", async () => {
    const bytes = await fixture("parental-leave.pdf");
    await loadPdf(bytes, "parental-leave.pdf");
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("prints nothing while it reads, even on a broken file", async () => {
    const spies = (["log", "info", "warn", "error", "debug"] as const).map((method) => vi.spyOn(console, method).mockImplementation(() => {}));
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const stdout = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    try {
      await loadPdf(await fixture("parental-leave.pdf"), "parental-leave.pdf");
      await loadPdf(await fixture("broken.pdf"), "broken.pdf").catch(() => {});
      for (const spy of [...spies, stderr, stdout]) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of [...spies, stderr, stdout]) spy.mockRestore();
    }
  });
});
