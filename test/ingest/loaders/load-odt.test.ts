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

  it("is titled by its first heading rather than its metadata, which templates leave stale; keywords and subject are search words", () => {
    expect(page.title).toBe("Remote work policy");
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

  it("is titled by its metadata only when it has no heading", async () => {
    const meta = "<office:document-meta><office:meta><dc:title>Leave notes</dc:title></office:meta></office:document-meta>";
    expect((await odt("<text:p>Take it.</text:p>", meta)).title).toBe("Leave notes");
    expect((await odt('<text:h text:outline-level="1">Leave</text:h>', meta)).title).toBe("Leave");
  });

  it("keeps a numbered heading a heading though it sits in a list, ending the list before it", async () => {
    const page = await odt(
      '<text:list><text:list-item><text:p>Step one</text:p></text:list-item><text:list-item><text:h text:outline-level="2">Appeals</text:h></text:list-item></text:list><text:p>Write to HR.</text:p>',
    );
    expect(page.markdown).toBe("- Step one\n\n### Appeals\n\nWrite to HR.");
  });

  it("reads a clause set in a heading style as text", async () => {
    const page = await odt(
      '<text:h text:outline-level="1">Passwords</text:h><text:h text:outline-level="2">Passwords must not be shared with anyone, including your manager.</text:h><text:p>Report a shared password to IT.</text:p>',
    );
    expect(page.markdown).toBe("## Passwords\n\nPasswords must not be shared with anyone, including your manager.\n\nReport a shared password to IT.");
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

  it("leaves out hidden sections, paragraphs and text, and what a merged-away cell still holds", async () => {
    const styles =
      '<office:automatic-styles><style:style style:name="T1" style:family="text"><style:text-properties text:display="none"/></style:style></office:automatic-styles>';
    const body = [
      '<text:section text:name="S1" text:display="none"><text:p>Draft terms.</text:p></text:section>',
      '<text:p>Shown <text:span text:style-name="T1">secret </text:span>text.</text:p>',
      '<text:p><text:hidden-paragraph text:condition="ooow:TRUE" text:is-hidden="true"/>Internal only.</text:p>',
      '<text:p>A <text:hidden-text text:condition="ooow:TRUE" text:string-value="x" text:is-hidden="true">hidden</text:hidden-text>B</text:p>',
      '<table:table><table:table-row><table:table-cell table:number-columns-spanned="2"><text:p>Wide</text:p></table:table-cell><table:covered-table-cell><text:p>Leftover</text:p></table:covered-table-cell></table:table-row></table:table>',
    ].join("");
    const zip = new JSZip().file(
      "content.xml",
      `<office:document-content>${styles}<office:body><office:text>${body}</office:text></office:body></office:document-content>`,
    );
    const page = await loadOdt(await zip.generateAsync({ type: "nodebuffer" }), "page.odt");
    expect(page.markdown).toBe("Shown text.\n\nA B\n\n| Wide |\n| --- |");
  });

  it("numbers list items and headings as their styles do", async () => {
    const listStyle =
      '<office:automatic-styles><text:list-style style:name="L1"><text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="1"/><text:list-level-style-number text:level="2" style:num-suffix=")" style:num-format="a"/></text:list-style></office:automatic-styles>';
    const outline =
      '<office:document-styles><office:styles><text:outline-style style:name="Outline"><text:outline-level-style text:level="1" style:num-format="1" style:num-suffix="."/><text:outline-level-style text:level="2" style:num-format="1" text:display-levels="2"/></text:outline-style></office:styles></office:document-styles>';
    const body = [
      '<text:h text:outline-level="1">Scope</text:h><text:h text:outline-level="1">Terms</text:h><text:h text:outline-level="2">Definitions</text:h>',
      '<text:list text:style-name="L1"><text:list-item><text:p>Apply</text:p><text:list><text:list-item><text:p>online</text:p></text:list-item><text:list-item><text:p>or on paper</text:p></text:list-item></text:list></text:list-item><text:list-item><text:p>Wait</text:p></text:list-item></text:list>',
    ].join("");
    const zip = new JSZip()
      .file("content.xml", `<office:document-content>${listStyle}<office:body><office:text>${body}</office:text></office:body></office:document-content>`)
      .file("styles.xml", outline);
    const page = await loadOdt(await zip.generateAsync({ type: "nodebuffer" }), "page.odt");
    expect(page.markdown).toBe("## 1. Scope\n\n## 2. Terms\n\n### 2.1 Definitions\n\n1. Apply\n  a) online\n  b) or on paper\n2. Wait");
  });

  it("keeps a title field, drops soft hyphens, and still reads a part cut short", async () => {
    expect((await odt("<text:p>About <text:title>Remote work</text:title>: infor\u00admation.</text:p>")).markdown).toBe("About Remote work: information.");
    expect((await odt("<text:list><text:list-item><text:p>Finished item</text:p></text:list-item><text:list-item><text:p>Cut short")).markdown).toBe(
      "- Finished item\n- Cut short",
    );
  });

  it("fails naming the file when it is no zip package, or one without a body", async () => {
    await expect(loadOdt(await fixture("broken.odt"), "broken.odt")).rejects.toThrow(/^could not read ODT broken\.odt: it is not a zip package/);
    const empty = await new JSZip().generateAsync({ type: "nodebuffer" });
    await expect(loadOdt(empty, "empty.odt")).rejects.toThrow("could not read ODT empty.odt: it has no content.xml");
  });
});
