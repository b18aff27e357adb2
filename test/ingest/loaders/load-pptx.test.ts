import { readFile } from "node:fs/promises";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { loadPptx } from "../../../src/ingest/loaders/load-pptx.ts";
import { splitDocument } from "../../../src/ingest/split-document.ts";
import { plainText } from "../../../src/shared/plain-text.ts";

const fixture = (name: string) => readFile(new URL(`../../fixtures/loaders/${name}`, import.meta.url));

describe("loadPptx", () => {
  it("reads the slides in the order the deck shows them, each a section headed by its title, and titles the deck by its first slide", async () => {
    const deck = await loadPptx(await fixture("onboarding.pptx"), "onboarding.pptx");
    expect(deck.title).toBe("New starter onboarding");
    expect(deck.markdown.match(/^## .*/gm)).toEqual(["## New starter onboarding", "## Your first week", "## Equipment budget", "## Slide 5"]);
  });

  it("keeps bullets as a nested list, a paragraph without a bullet and a text box as paragraphs, and text split into runs whole", async () => {
    const { markdown } = await loadPptx(await fixture("onboarding.pptx"), "onboarding.pptx");
    const week = markdown.slice(markdown.indexOf("## Your first week"), markdown.indexOf("## Equipment budget"));
    expect(week).toContain(
      "- Collect your laptop from IT on day one\n\n  - Bring photo ID\n\nLunch with your buddy on Wednesday.\n\nAsk in #it-help if anything is missing.",
    );
  });

  it("adds the speaker notes after the slide's own text, and leaves out slide numbers and hidden slides", async () => {
    const { markdown } = await loadPptx(await fixture("onboarding.pptx"), "onboarding.pptx");
    expect(markdown).toMatch(/missing\.\n\nSecurity training must be finished by Friday of your first week\.\n\n## Equipment budget/);
    expect(markdown).not.toMatch(/Draft salary bands|^3$/m);
  });

  it("turns a slide's table into a Markdown table with its header row, pipes in a cell kept as text", async () => {
    const { markdown } = await loadPptx(await fixture("onboarding.pptx"), "onboarding.pptx");
    expect(markdown).toContain(
      "| Item | Budget | How to claim |\n| --- | --- | --- |\n| Desk chair | 300 EUR | Expense claim \\| with receipt |\n| Monitor | 250 EUR | IT ticket |",
    );
  });

  it("titles a deck whose first slide has no title by its file name", async () => {
    const zip = await JSZip.loadAsync(await fixture("onboarding.pptx"));
    const rels = await zip.file("ppt/_rels/presentation.xml.rels")!.async("string");
    // Point the first slide at the untitled one.
    zip.file("ppt/_rels/presentation.xml.rels", rels.replace('Target="slides/slide1.xml"', 'Target="slides/slide5.xml"'));
    const deck = await loadPptx(await zip.generateAsync({ type: "nodebuffer" }), "decks/sales_kickoff-2024.pptx");
    expect(deck.title).toBe("sales kickoff 2024");
  });

  it("rejects a file that is not a zip, or a zip that is not a deck, naming the file", async () => {
    await expect(loadPptx(await fixture("broken.pptx"), "broken.pptx")).rejects.toThrow(/^could not read PPTX broken\.pptx: it is not a zip package/);
    const notADeck = await new JSZip().file("notes.txt", "hello").generateAsync({ type: "nodebuffer" });
    await expect(loadPptx(notADeck, "notes.pptx")).rejects.toThrow(/could not read PPTX notes\.pptx: it has no ppt\/presentation\.xml/);
  });
});

/** The onboarding deck with one of its parts rewritten. */
async function deckWith(path: string, rewrite: (xml: string) => string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await fixture("onboarding.pptx"));
  zip.file(path, rewrite(await zip.file(path)!.async("string")));
  return zip.generateAsync({ type: "nodebuffer" });
}

describe("loadPptx on decks as other tools write them", () => {
  it("reads empty paragraphs and empty table cells written as self-closing tags", async () => {
    const bytes = await deckWith("ppt/slides/slide2.xml", (xml) =>
      xml.replace("</a:txBody></p:sp>", "<a:p/></a:txBody></p:sp>").replace(/<a:tc><a:txBody>(?:(?!<\/a:tc>).)*Monitor(?:(?!<\/a:tc>).)*<\/a:tc>/, "<a:tc/>"),
    );
    const { markdown } = await loadPptx(bytes, "onboarding.pptx");
    expect(markdown).toContain("| Desk chair | 300 EUR | Expense claim \\| with receipt |\n|  | 250 EUR | IT ticket |");
  });

  it("keeps text that looks like Markdown syntax as text: a leading # is no heading, a title's _ and \\ stay", async () => {
    let bytes = await deckWith("ppt/slides/slide3.xml", (xml) => xml.replace("Ask in #it-help if anything is missing.", "# of laptops handed out: 40"));
    const zip = await JSZip.loadAsync(bytes);
    const slide2 = await zip.file("ppt/slides/slide2.xml")!.async("string");
    zip.file("ppt/slides/slide2.xml", slide2.replace("Equipment budget", "Budget_2024 in C:\\Finance"));
    bytes = await zip.generateAsync({ type: "nodebuffer" });
    const { markdown } = await loadPptx(bytes, "onboarding.pptx");
    const passages = await splitDocument(markdown, { minChunkSize: 0 });
    expect(passages.map((p) => p.heading)).toContain("Budget_2024 in C:\\Finance");
    expect(passages.map((p) => p.heading)).not.toContain("of laptops handed out: 40");
    expect(plainText(markdown)).toContain("# of laptops handed out: 40");
  });

  it("titles a slide by its text set large when it has no title placeholder, and fences lines set in a monospace font as code", async () => {
    const run = (text: string, size: number, font?: string) =>
      `<a:r><a:rPr lang="en-US" sz="${size}">${font ? `<a:latin typeface="${font}"/>` : ""}</a:rPr><a:t>${text}</a:t></a:r>`;
    const box = (...paragraphs: string[]) =>
      `<p:sp><p:nvSpPr><p:cNvPr id="9" name="Text"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/>${paragraphs.map((p) => `<a:p>${p}</a:p>`).join("")}</p:txBody></p:sp>`;
    const bytes = await deckWith("ppt/slides/slide3.xml", (xml) =>
      xml.replace(
        /<p:sp>.*<\/p:sp>/,
        box(
          run("Use the colon to denote a path within the drive", 2400),
          run("/drive/root:/Contoso/ProjectA:/children", 2000, "Consolas"),
          run("var  client = new HttpClient();", 2000, "Consolas"),
        ) + box(run("Navigating items ", 4400), run("your way", 4800)),
      ),
    );
    const { markdown } = await loadPptx(bytes, "onboarding.pptx");
    expect(markdown).toContain(
      "## Navigating items your way\n\nUse the colon to denote a path within the drive\n\n```\n/drive/root:/Contoso/ProjectA:/children\nvar  client = new HttpClient();\n```",
    );
    // A line break in code is kept; a script font whose name says "Mono…" is no code; a title in Consolas is a title.
    const styled = await deckWith("ppt/slides/slide3.xml", (xml) =>
      xml
        .replace('<a:rPr lang="en-US" dirty="0"/><a:t>Your first week', '<a:rPr lang="en-US"><a:latin typeface="Consolas"/></a:rPr><a:t>Your first week')
        .replace(
          /<p:sp>(?:(?!<\/p:sp>).)*Ask in #it-help(?:(?!<\/p:sp>).)*<\/p:sp>/,
          box(
            run("if (ok) {", 2000, "Consolas").replace("</a:r>", "</a:r><a:br/>") + run("  go();", 2000, "Consolas"),
            run("Thank you all", 2400, "Monotype Corsiva"),
          ),
        ),
    );
    expect((await loadPptx(styled, "onboarding.pptx")).markdown).toContain("## Your first week\n\n");
    expect((await loadPptx(styled, "onboarding.pptx")).markdown).toContain("```\nif (ok) {\n  go();\n```\n\nThank you all");
    // Text set a little larger than the rest is no title.
    const close = await deckWith("ppt/slides/slide3.xml", (xml) =>
      xml.replace(/<p:sp>.*<\/p:sp>/, box(run("Keep your app files in a known location", 2400)) + box(run("App folders", 2800))),
    );
    expect((await loadPptx(close, "onboarding.pptx")).markdown).toMatch(/## Slide \d+\n\nKeep your app files in a known location\n\nApp folders/);
    // Nor is large text beside bullets whose size the layout sets: nothing says it is the largest.
    const inherited = await deckWith("ppt/slides/slide3.xml", (xml) =>
      xml.replace(/<p:sp>.*<\/p:sp>/, box(`<a:r><a:t>Keep your app files in a known location</a:t></a:r>`) + box(run("Customers first, always.", 2800))),
    );
    expect((await loadPptx(inherited, "onboarding.pptx")).markdown).toMatch(
      /## Slide \d+\n\nKeep your app files in a known location\n\nCustomers first, always\./,
    );
  });

  it("reads content that comes with a fallback for older readers once", async () => {
    const bytes = await deckWith("ppt/slides/slide5.xml", (xml) => {
      const shape = /<p:sp>.*<\/p:sp>/.exec(xml)![0];
      const alternate = `<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="a14">${shape}</mc:Choice><mc:Fallback>${shape}</mc:Fallback></mc:AlternateContent>`;
      return xml.replace(shape, alternate);
    });
    const { markdown } = await loadPptx(bytes, "onboarding.pptx");
    expect(markdown.split("Write to people@example.com").length - 1).toBe(1);
  });

  it("reads a SmartArt diagram's text as a nested list, in the order the diagram shows it, where its frame is", async () => {
    const zip = await JSZip.loadAsync(await fixture("onboarding.pptx"));
    const frame =
      '<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="9" name="Diagram 1"/><p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr><p:xfrm/>' +
      '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/diagram">' +
      '<dgm:relIds xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" r:dm="rId7" r:lo="rId8" r:qs="rId9" r:cs="rId10"/>' +
      "</a:graphicData></a:graphic></p:graphicFrame>";
    const slide = await zip.file("ppt/slides/slide5.xml")!.async("string");
    zip.file("ppt/slides/slide5.xml", slide.replace("</p:spTree>", `${frame}</p:spTree>`));
    zip.file(
      "ppt/slides/_rels/slide5.xml.rels",
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/diagramData" Target="../diagrams/data1.xml"/></Relationships>',
    );
    const point = (id: string, text: string, type = "") =>
      `<dgm:pt modelId="${id}"${type ? ` type="${type}"` : ""}><dgm:t><a:p><a:r><a:t>${text}</a:t></a:r></a:p></dgm:t></dgm:pt>`;
    const link = (from: string, to: string, order: number) => `<dgm:cxn modelId="c${to}" srcId="${from}" destId="${to}" srcOrd="${order}" destOrd="0"/>`;
    zip.file(
      "ppt/diagrams/data1.xml",
      '<dgm:dataModel xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><dgm:ptLst>' +
        `<dgm:pt modelId="root" type="doc"><dgm:t><a:p/></dgm:t></dgm:pt>${point("hr", "People Team")}${point("b", "Payroll")}${point("a", "Recruiting")}` +
        `${point("t1", "connector label", "sibTrans")}${point("p1", "layout", "pres")}${point("ops", "IT Operations")}</dgm:ptLst><dgm:cxnLst>` +
        `${link("root", "hr", 0)}${link("hr", "b", 1)}${link("hr", "a", 0)}${link("root", "ops", 1)}<dgm:cxn modelId="x" type="presOf" srcId="hr" destId="p1"/>` +
        "</dgm:cxnLst></dgm:dataModel>",
    );
    const { markdown } = await loadPptx(await zip.generateAsync({ type: "nodebuffer" }), "onboarding.pptx");
    expect(markdown).toContain("## Slide 5\n\nQuestions? Write to people@example.com.\n\n- People Team\n  - Recruiting\n  - Payroll\n- IT Operations");
    expect(markdown).not.toMatch(/connector label|layout/);
  });

  it('leaves out a slide hidden with show="false" as well as show="0"', async () => {
    const bytes = await deckWith("ppt/slides/slide4.xml", (xml) => xml.replace('show="0"', 'show="false"'));
    expect((await loadPptx(bytes, "onboarding.pptx")).markdown).not.toContain("Draft salary bands");
  });
});
