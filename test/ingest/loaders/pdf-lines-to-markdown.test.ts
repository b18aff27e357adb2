import { describe, expect, it } from "vitest";
import { pdfLinesToMarkdown } from "../../../src/ingest/loaders/pdf-lines-to-markdown.ts";
import { pdfPage } from "../../helpers/pdf-page.ts";

const markdownOf = (...pages: ReturnType<typeof pdfPage>[]) => pdfLinesToMarkdown(pages).markdown;
const headingsOf = (markdown: string) => markdown.split("\n").filter((line) => line.startsWith("#"));
/** Enough body text that 11 pt is the body size, whatever else the page holds. */
const prose = ["Body text runs on over a few lines, long enough to be the bulk of", "the document, as the text of a real policy or paper is, and ends."];

describe("pdfLinesToMarkdown", () => {
  it("gives headings a level by their size's rank: the largest #, the next ##, all smaller ###", () => {
    const markdown = markdownOf(
      pdfPage(
        { text: "Annual Report", size: 24 },
        { text: "Results", size: 18, gap: 12 },
        ...prose,
        { text: "Revenue", size: 14, gap: 10 },
        ...prose,
        { text: "By region", size: 13, gap: 10 },
        ...prose,
      ),
    );
    expect(headingsOf(markdown)).toEqual(["# Annual Report", "## Results", "### Revenue", "### By region"]);
  });

  it("makes one heading of a title wrapped over two lines of one size", () => {
    const markdown = markdownOf(
      pdfPage({ text: "Guidelines for Working Safely", size: 20 }, { text: "in Shared Laboratories", size: 20 }, { text: prose[0]!, gap: 12 }, prose[1]!),
    );
    expect(headingsOf(markdown)).toEqual(["# Guidelines for Working Safely in Shared Laboratories"]);
  });

  it("does not make a heading of a large line that reads like a sentence, has no letters, or is a contents entry", () => {
    const markdown = markdownOf(
      pdfPage(
        { text: "Employees who travel for more than three days in a row must book through the portal.", size: 14 },
        { text: "In addition,", size: 14, gap: 10 },
        { text: "2024", size: 30, gap: 10 },
        { text: "2 Naming . . . . . . . . . . 3", size: 14, gap: 10 },
        { text: prose[0]!, gap: 10 },
        prose[1]!,
      ),
    );
    expect(headingsOf(markdown)).toEqual([]);
  });

  it("joins the lines of a paragraph and starts a new one at a clear gap or a change of size", () => {
    const markdown = markdownOf(
      pdfPage(
        "The first paragraph starts here",
        "and ends on its second line.",
        { text: "A second paragraph after a gap.", gap: 8 },
        { text: "A caption in a smaller size.", size: 9 },
      ),
    );
    expect(markdown).toBe("The first paragraph starts here and ends on its second line.\n\nA second paragraph after a gap.\n\nA caption in a smaller size.");
  });

  it("makes a word hyphenated over a line break whole, and keeps the hyphen of a compound whose next part is capitalised", () => {
    const markdown = markdownOf(
      pdfPage("Hybrid search improves retrie-", "val on questions about names, as the well-", "known study of pre-", "Brexit filings showed."),
    );
    expect(markdown).toBe("Hybrid search improves retrieval on questions about names, as the wellknown study of pre-Brexit filings showed.");
  });

  it("keeps the hyphen of a compound that breaks at it, known by both its parts occurring elsewhere in the document", () => {
    const markdown = markdownOf(
      pdfPage(
        "Every engineer on the rota is paid the on-",
        "call stipend. To be on call, ask your manager; the call schedule is in the wiki. Our over-",
        "time rules follow the law, and overtime is paid monthly.",
      ),
    );
    expect(markdown).toContain("paid the on-call stipend.");
    // A word the document also writes whole is rejoined, whatever its parts, and so is an English word.
    expect(markdown).toContain("Our overtime rules");
    const english = markdownOf(pdfPage("Under the rules, standing orders need a clear under-", "standing of the terms."));
    expect(english).toContain("a clear understanding of the terms.");
  });

  it("puts list items on lines of their own: bullets as `- `, numbers as they are, letters after `- `", () => {
    const markdown = markdownOf(
      pdfPage(
        "Bring the following:",
        "• your badge,",
        "– a laptop with the VPN",
        "installed,",
        "- a charger,",
        "* a notebook.",
        { text: "1. Submit the form.", gap: 8 },
        "2) Wait for approval.",
        "a) Print the confirmation.",
        "(b) Keep a copy.",
      ),
    );
    expect(markdown).toBe(
      [
        "Bring the following:",
        "",
        "- your badge,",
        "- a laptop with the VPN installed,",
        "- a charger,",
        "- a notebook.",
        "1. Submit the form.",
        "2) Wait for approval.",
        "- a) Print the confirmation.",
        "- (b) Keep a copy.",
      ].join("\n"),
    );
  });

  it("runs on an enumeration written into a sentence when a line opens with its next letter", () => {
    const markdown = markdownOf(
      pdfPage(
        "We could reuse the old form, but this has two drawbacks: (a) it hides the new",
        "one from readers and",
        "(b) it keeps us from adding more to it.",
      ),
    );
    expect(markdown).toBe(
      "We could reuse the old form, but this has two drawbacks: (a) it hides the new one from readers and (b) it keeps us from adding more to it.",
    );
  });

  it("sets a column's footnotes after the text under Notes, and runs a sentence on into the next column", () => {
    const markdown = markdownOf([
      { text: "Introduction", size: 14, y: 740, bold: false },
      ...pdfPage(
        { text: "ZooKeeper relies on atomic broadcast for coordination tasks, such", y: 240 },
        { text: "as storing configuration data reliably and tracking", y: 226 },
      ),
      { text: "1A preliminary description of Zab was presented at DISC 2009.", size: 8, y: 150, bold: false },
      { text: "the status of running processes.", size: 11, y: 700, bold: false },
    ]);
    expect(markdown).toBe(
      [
        "# Introduction",
        "ZooKeeper relies on atomic broadcast for coordination tasks, such as storing configuration data reliably and tracking the status of running processes.",
        "## Notes",
        "1A preliminary description of Zab was presented at DISC 2009.",
      ].join("\n\n"),
    );
  });

  it("keeps a table's cells, drawn one after another a row apart, as paragraphs of their own", () => {
    const markdown = markdownOf([
      ...pdfPage(...prose),
      { text: "Employees with one year of", size: 11, y: 680, bold: false },
      { text: "service", size: 11, y: 666, bold: false },
      { text: "twelve weeks at full pay", size: 11, y: 680, bold: false },
    ]);
    expect(markdown.split("\n\n").slice(-2)).toEqual(["Employees with one year of service", "twelve weeks at full pay"]);
  });

  it("puts the notes of a document without headings after its text, with no heading to be taken for its title", () => {
    const markdown = markdownOf([
      ...pdfPage(...prose),
      { text: "Contractors order through the vendor portal", size: 11, y: 400, bold: false },
      { text: "1 The portal opens on the first of each month.", size: 8, y: 60, bold: false },
    ]);
    expect(markdown).not.toMatch(/^#/m);
    expect(markdown.endsWith("\n\n1 The portal opens on the first of each month.")).toBe(true);
  });

  it("takes a bold body-size line standing alone as a heading of the lowest level", () => {
    const markdown = markdownOf(
      pdfPage({ text: "Policy", size: 20 }, { text: "Returning equipment", bold: true, gap: 10 }, { text: prose[0]!, gap: 2 }, prose[1]!),
    );
    expect(headingsOf(markdown)).toEqual(["# Policy", "## Returning equipment"]);
    expect(markdown).toContain("## Returning equipment\n\nBody text runs on");
  });

  it("takes a bold line a little larger than the body (Word's 12-point heading over 11-point text) as such a heading too", () => {
    const markdown = markdownOf(
      pdfPage(
        { text: "4 – LEAVE", size: 12, bold: true, gap: 10 },
        { text: prose[0]!, gap: 2 },
        prose[1]!,
        { text: "5 – SAFEGUARDS", size: 12, bold: true, gap: 10 },
        {
          text: prose[0]!,
          gap: 2,
        },
        prose[1]!,
      ),
    );
    expect(headingsOf(markdown)).toEqual(["# 4 – LEAVE", "# 5 – SAFEGUARDS"]);
  });

  it("takes no line with a bullet for a heading, however large: a slide sets its list items large", () => {
    const markdown = markdownOf(
      pdfPage({ text: "Fire safety", size: 24 }, { text: "• Fire spreads very quickly.", size: 18, gap: 10 }, { text: prose[0]!, gap: 10 }, prose[1]!),
    );
    expect(headingsOf(markdown)).toEqual(["# Fire safety"]);
    expect(markdown).toContain("Fire spreads very quickly.");
  });

  it("runs a large line on from a sentence that has not ended: a slide's list item wrapped over two lines", () => {
    const markdown = markdownOf(
      pdfPage(
        { text: "Reporting a hazard", size: 32 },
        { text: "• Tell your supervisor, or call the Safety", size: 24, gap: 10 },
        { text: "Line on extension 4100 at any hour.", size: 24 },
        { text: "Hazards reported in writing", size: 24 },
        { text: prose[0]!, gap: 10 },
        prose[1]!,
      ),
    );
    expect(headingsOf(markdown)).toEqual(["# Reporting a hazard", "## Hazards reported in writing"]);
    expect(markdown).toContain("- Tell your supervisor, or call the Safety Line on extension 4100 at any hour.");
  });

  it("does not take bold words inside a paragraph, a bold paragraph, or a bold body for headings", () => {
    const inParagraph = markdownOf(pdfPage(...prose, "Read the section on", { text: "Travel Booking", bold: true }, "before you book."));
    expect(headingsOf(inParagraph)).toEqual([]);
    const boldParagraph = markdownOf(
      pdfPage(...prose, { text: "Warning: never share", bold: true, gap: 8 }, { text: "your password with anyone", bold: true }),
    );
    expect(headingsOf(boldParagraph)).toEqual([]);
    const boldBody = markdownOf(
      pdfPage(...prose.map((text) => ({ text, bold: true })), { text: "Short bold line", bold: true, gap: 8 }, { text: prose[0]!, bold: true, gap: 2 }),
    );
    expect(headingsOf(boldBody)).toEqual([]);
  });

  it("takes a numbered body-size line alone between gaps as a section heading, never a numbered list item", () => {
    const markdown = markdownOf(
      pdfPage(
        { text: "Evaluation", size: 18 },
        ...prose,
        { text: "3.2 Results", gap: 10 },
        { text: prose[0]!, gap: 8 },
        prose[1]!,
        { text: "1. Submit the form.", gap: 10 },
        { text: prose[0]!, gap: 8 },
        { text: "2 Agree a schedule", gap: 0 },
        "3 Complete the checklist",
      ),
    );
    expect(headingsOf(markdown)).toEqual(["# Evaluation", "## 3.2 Results"]);
    expect(markdown).toContain("\n1. Submit the form.\n");
  });

  it("runs a sentence on over a page break, and starts a new paragraph after a full stop", () => {
    const markdown = markdownOf(pdfPage(...prose, "A sentence cut by the"), pdfPage("page break goes on.", "Next line."), pdfPage("New page, new paragraph."));
    expect(markdown.split("\n\n")).toEqual([`${prose.join(" ")} A sentence cut by the page break goes on. Next line.`, "New page, new paragraph."]);
  });

  it("drops running headers and page numbers before it reads the layout", () => {
    const page = (n: number) =>
      pdfPage({ text: "Acme Handbook", size: 9, y: 770 }, { text: `Part ${n}`, size: 16, y: 720 }, ...prose, { text: String(n), size: 9, y: 30 });
    const markdown = markdownOf(page(1), page(2), page(3));
    expect(markdown).not.toMatch(/Acme Handbook|^\d$/m);
    expect(headingsOf(markdown)).toEqual(["# Part 1", "# Part 2", "# Part 3"]);
  });

  it("finds the title in the first page's largest heading, and none without headings", () => {
    expect(
      pdfLinesToMarkdown([
        pdfPage({ text: "Draft", size: 14 }, { text: "Remote Work Policy", size: 24 }, ...prose),
        pdfPage({ text: "Bigger later", size: 30 }),
      ]).title,
    ).toBe("Remote Work Policy");
    expect(pdfLinesToMarkdown([pdfPage(...prose)]).title).toBeNull();
  });

  it("takes no drop cap (a lone large letter) for the title, but a short one", () => {
    const page = pdfPage({ text: "W", size: 28 }, { text: "How the Hidden Hand Shapes the Market", size: 24, gap: 4 }, ...prose);
    expect(pdfLinesToMarkdown([page]).title).toBe("How the Hidden Hand Shapes the Market");
    expect(pdfLinesToMarkdown([pdfPage({ text: "Q&A", size: 24 }, ...prose)]).title).toBe("Q&A");
  });

  it("keeps a paragraph that starts with # or > from reading as a heading or a quote", () => {
    expect(markdownOf(pdfPage("# of employees: 40", "> 3 days requires approval", { text: "Other text.", gap: 8 }))).toBe(
      "\\# of employees: 40 > 3 days requires approval\n\nOther text.",
    );
  });

  it("yields empty Markdown and no title for pages without text", () => {
    expect(pdfLinesToMarkdown([[], []])).toEqual({ markdown: "", title: null });
  });
});
