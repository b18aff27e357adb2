import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import type { LoadedContent } from "../../../src/ingest/loaded-document.ts";
import { loadOdt } from "../../../src/ingest/loaders/load-odt.ts";

const fixture = (name: string) => readFile(resolve(import.meta.dirname, "../../fixtures/loaders", name));

describe("loadOdt: a LibreOffice Writer document", () => {
  let page: LoadedContent;
  beforeAll(async () => {
    page = await loadOdt(await fixture("remote-work.odt"), "remote-work.odt");
  });

  it("is titled by its metadata's title, with its keywords and subject as search words", () => {
    expect(page.title).toBe("Remote work");
    expect(page.keywords).toBe("home office hybrid Working from home");
  });

  it("makes headings of its outline levels, one below where a Title paragraph would head the document", () => {
    expect(page.markdown.split("\n").filter((line) => line.startsWith("#"))).toEqual(["## Remote work policy", "### Equipment"]);
  });

  it("reads paragraphs with their spaces and spans as text, a footnote after the paragraph citing it", () => {
    expect(page.markdown).toContain(
      "# Remote work policy\n\nAnyone may work from home up to three days a week.\n\nPart-timers pro rata.\n\nTell your manager by Friday.",
    );
  });

  it("leaves out the table of contents, comments, deleted text and alt text", () => {
    for (const hidden of ["policy 1", "legal", "Editor", "office days", "photo of a desk"]) expect(page.markdown, hidden).not.toContain(hidden);
  });

  it("turns lists into nested Markdown lists and tables into Markdown tables, without repeated empty cells", () => {
    expect(page.markdown).toContain("- A laptop from IT\n  - with a privacy screen\n- A headset");
    expect(page.markdown).toContain("| Item | Allowance |\n| --- | --- |\n| Desk chair | 300 EUR |\n| Internet | 30 EUR a month |");
  });

  it("reads a text box's text, and keeps a paragraph starting with '#' from becoming a heading", () => {
    expect(page.markdown).toContain("Ask in #remote for tips.");
    expect(page.markdown).toContain("\\# is not a heading here");
  });
});

describe("loadOdt: on its own", () => {
  const odt = async (content: string, meta = "") => {
    const zip = new JSZip();
    zip.file("content.xml", `<office:document-content><office:body><office:text>${content}</office:text></office:body></office:document-content>`);
    if (meta) zip.file("meta.xml", meta);
    return loadOdt(await zip.generateAsync({ type: "nodebuffer" }), "page.odt");
  };

  it("leaves the title to the first heading when the metadata has none", async () => {
    expect((await odt('<text:h text:outline-level="1">Leave</text:h>')).title).toBeNull();
  });

  it("keeps a numbered heading a heading though it sits in a list, ending the list before it", async () => {
    const page = await odt(
      '<text:list><text:list-item><text:p>Step one</text:p></text:list-item><text:list-item><text:h text:outline-level="2">Appeals</text:h></text:list-item></text:list><text:p>Write to HR.</text:p>',
    );
    expect(page.markdown).toBe("- Step one\n\n### Appeals\n\nWrite to HR.");
  });

  it("heads the document with a paragraph in the Title style, or in a style derived from it", async () => {
    const styles = '<office:automatic-styles><style:style style:name="P1" style:family="paragraph" style:parent-style-name="Title"/></office:automatic-styles>';
    const body =
      '<text:p text:style-name="P1">Security policy</text:p><text:h text:outline-level="1">Purpose</text:h><text:p text:style-name="Standard">Keep data safe.</text:p>';
    const zip = new JSZip().file(
      "content.xml",
      `<office:document-content>${styles}<office:body><office:text>${body}</office:text></office:body></office:document-content>`,
    );
    const page = await loadOdt(await zip.generateAsync({ type: "nodebuffer" }), "policy.odt");
    expect(page.markdown).toBe("# Security policy\n\n## Purpose\n\nKeep data safe.");
    expect((await odt('<text:p text:style-name="Title">Leave</text:p><text:p>Take it.</text:p>')).markdown).toBe("# Leave\n\nTake it.");
  });

  it("reads a table nested in a cell as that cell's text", async () => {
    const cell = (text: string) => `<table:table-cell><text:p>${text}</text:p></table:table-cell>`;
    const inner = `<table:table><table:table-row>${cell("Mon")}${cell("9-5")}</table:table-row><table:table-row>${cell("Tue")}${cell("closed")}</table:table-row></table:table>`;
    const page = await odt(
      `<table:table><table:table-row>${cell("Office")}${cell("Hours")}</table:table-row><table:table-row>${cell("Berlin")}<table:table-cell>${inner}</table:table-cell></table:table-row></table:table>`,
    );
    expect(page.markdown).toBe("| Office | Hours |\n| --- | --- |\n| Berlin | Mon, 9-5; Tue, closed |");
  });

  it("fails naming the file when it is no zip package, or one without a body", async () => {
    await expect(loadOdt(await fixture("broken.odt"), "broken.odt")).rejects.toThrow(/^could not read ODT broken\.odt: it is not a zip package/);
    const empty = await new JSZip().generateAsync({ type: "nodebuffer" });
    await expect(loadOdt(empty, "empty.odt")).rejects.toThrow("could not read ODT empty.odt: it has no content.xml");
  });
});
