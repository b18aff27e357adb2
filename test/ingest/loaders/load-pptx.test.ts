import { readFile } from "node:fs/promises";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { loadPptx } from "../../../src/ingest/loaders/load-pptx.ts";

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
