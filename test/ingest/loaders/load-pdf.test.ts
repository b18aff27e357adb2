import { readFile } from "node:fs/promises";
import { describe, expect, it, vi } from "vitest";
import { loadPdf } from "../../../src/ingest/loaders/load-pdf.ts";
import { buildPdf } from "../../fixtures/loaders/make-fixtures.ts";
import { LETTER_SOUP } from "../../helpers/letter-soup.ts";

const fixture = (name: string) => readFile(new URL(`../../fixtures/loaders/${name}`, import.meta.url));

describe("loadPdf", () => {
  it("takes the title from the PDF's document information", async () => {
    expect((await loadPdf(await fixture("parental-leave.pdf"), "parental-leave.pdf")).title).toBe("Parental Leave Policy");
  });

  it("joins the lines of a paragraph, and starts a new paragraph on a new page after a full stop", async () => {
    expect((await loadPdf(await fixture("parental-leave.pdf"), "parental-leave.pdf")).markdown).toBe(
      [
        "Employees receive 12 weeks of paid parental leave. Leave may start up to 4 weeks before the due date.",
        "",
        "Request leave through the HR portal. Your manager approves it within 5 working days.",
      ].join("\n"),
    );
  });

  describe("a policy laid out by a word processor", () => {
    const policy = async () => loadPdf(await fixture("remote-work-policy.pdf"), "remote-work-policy.pdf");

    it("makes headings of the larger lines, one level per size, and of a bold line standing alone", async () => {
      const headings = (await policy()).markdown.split("\n").filter((line) => line.startsWith("#"));
      expect(headings).toEqual([
        "# Remote Work Policy",
        "## 1. Purpose",
        "## 2. Eligibility",
        "### 2.1 Who may apply",
        "### 2.2 How to apply",
        "## 3. Equipment",
        "### Returning equipment",
        "## 4. Security",
        "### 4.1 Working from public places",
        "## 5. Contacts",
      ]);
    });

    it("joins a paragraph's lines and makes hyphenated words whole", async () => {
      const { markdown } = await policy();
      expect(markdown).toContain(
        "\n\nThis policy explains how employees at Acme Corp may work away from the office, what the company provides for a safe and productive home workspace, and how we keep information secure when you work remotely. It applies to all permanent employees and to contractors whose agreements run for more than six months; temporary staff follow the rules of their agency, which we share on request and document in the onboarding guide.\n\n",
      );
      expect(markdown).toContain("a desk chair; submit the receipt");
      // A gap between paragraphs keeps them apart.
      expect(markdown).toContain("onboarding guide.\n\nManagers remain responsible");
      // A hyphen inside a word that is not at a line's end stays.
      expect(markdown).toContain("co-working spaces");
    });

    it("puts each list item on a line of its own, bullets as `- ` and numbered items as they are", async () => {
      const { markdown } = await policy();
      expect(markdown).toContain(
        [
          "conditions apply:",
          "",
          "- You have a quiet place to work with a reliable internet connection.",
          "- Your role does not require you to be on site every day, as reception and facilities work do.",
          "",
          "### 2.2 How to apply",
          "",
          "1. Submit the remote work form in the HR portal.",
          "2. Agree a weekly schedule with your manager.",
          "3. Complete the home workspace checklist.",
        ].join("\n"),
      );
    });

    it("drops the running header, the footer and the page numbers", async () => {
      const { markdown } = await policy();
      expect(markdown).not.toMatch(/Acme Corp \|/);
      expect(markdown).not.toMatch(/Internal|Page \d/);
      expect(markdown.startsWith("# Remote Work Policy\n\nEffective 1 March 2024.")).toBe(true);
      expect(markdown.endsWith("through the HR portal.")).toBe(true);
    });

    it("takes the title from the first page's largest heading when the Info title is a print-to-PDF file name", async () => {
      expect((await policy()).title).toBe("Remote Work Policy");
    });
  });

  it("drops the site's name a page printed from a website carries in its title, keeping the page's own heading", async () => {
    const printed = buildPdf({
      title: "Remote Work Policy | Acme Intranet",
      pages: [
        [
          { text: "Remote Work Policy", size: 24, bold: true, y: 700 },
          { text: "Work from home up to three days a week.", gap: 6 },
        ],
      ],
    });
    expect((await loadPdf(printed, "remote-work.pdf")).title).toBe("Remote Work Policy");
    // A title that does not start with the heading, and a separator after it, is the document's own.
    const handbook = buildPdf({
      title: "Employee Handbook 2024",
      pages: [
        [
          { text: "Handbook", size: 24, bold: true, y: 700 },
          { text: "Welcome.", gap: 6 },
        ],
      ],
    });
    expect((await loadPdf(handbook, "handbook.pdf")).title).toBe("Employee Handbook 2024");
    const titled = buildPdf({
      title: "Remote Work Policy",
      pages: [
        [
          { text: "Contents", size: 24, bold: true, y: 700 },
          { text: "1. Purpose", gap: 6 },
        ],
      ],
    });
    expect((await loadPdf(titled, "remote-work.pdf")).title).toBe("Remote Work Policy");
  });

  it("yields empty Markdown, its file's name for a title and the reason for a PDF without text or title", async () => {
    expect(await loadPdf(await fixture("blank.pdf"), "blank.pdf")).toEqual({
      title: "blank",
      url: null,
      markdown: "",
      keywords: "",
      unreadable: "it has no text, only images (a scan?)",
    });
  });

  it("yields no text from a PDF whose fonts have no Unicode map, and says so, keeping its title", async () => {
    const soup = buildPdf({ title: "Lecture notes", pages: [[LETTER_SOUP, LETTER_SOUP]] });
    expect(await loadPdf(soup, "notes.pdf")).toEqual({
      title: "Lecture notes",
      url: null,
      markdown: "",
      keywords: "",
      unreadable: "its fonts have no Unicode map, so its text cannot be read",
    });
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
      await loadPdf(await fixture("remote-work-policy.pdf"), "remote-work-policy.pdf");
      await loadPdf(await fixture("broken.pdf"), "broken.pdf").catch(() => {});
      for (const spy of [...spies, stderr, stdout]) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of [...spies, stderr, stdout]) spy.mockRestore();
    }
  });
});
