import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { loadOdp } from "../../../src/ingest/loaders/load-odp.ts";

const fixture = (name: string) => readFile(resolve(import.meta.dirname, "../../fixtures/loaders", name));

describe("loadOdp: a LibreOffice Impress presentation", () => {
  it("reads each shown slide as a section headed by its title, with its lists, tables and speaker notes", async () => {
    const deck = await loadOdp(await fixture("all-hands.odp"), "all-hands.odp");
    expect(deck.title).toBe("Q3 all-hands");
    expect(deck.markdown).toBe(
      [
        "## Q3 all-hands",
        "People Team",
        "## Office moves",
        "- Berlin moves to Mitte\n  - in October",
        "| Office | Desks |\n| --- | --- |\n| Berlin | 40 |",
        "Movers come on the 14th; pack your desk by the 13th.",
        "## Slide 4",
        "Questions? Ask in #all-hands.",
      ].join("\n\n"),
    );
  });

  it("leaves out hidden slides, page numbers and the notes page's picture of the slide", async () => {
    const { markdown } = await loadOdp(await fixture("all-hands.odp"), "all-hands.odp");
    expect(markdown).not.toContain("salary");
    expect(markdown).not.toMatch(/^1$/m);
  });

  it("numbers a slide's list as the deck's list style does", async () => {
    const styles =
      '<office:automatic-styles><text:list-style style:name="L1"><text:list-level-style-number text:level="1" style:num-format="1" style:num-suffix="."/></text:list-style></office:automatic-styles>';
    const list =
      '<text:list text:style-name="L1"><text:list-item><text:p>Pack</text:p></text:list-item><text:list-item><text:p>Move</text:p></text:list-item></text:list>';
    const page = `<draw:page><draw:frame presentation:class="title"><draw:text-box><text:p>Steps</text:p></draw:text-box></draw:frame><draw:frame presentation:class="outline"><draw:text-box>${list}</draw:text-box></draw:frame></draw:page>`;
    const zip = new JSZip().file(
      "content.xml",
      `<office:document-content>${styles}<office:body><office:presentation>${page}</office:presentation></office:body></office:document-content>`,
    );
    expect((await loadOdp(await zip.generateAsync({ type: "nodebuffer" }), "steps.odp")).markdown).toBe("## Steps\n\n1. Pack\n2. Move");
  });

  it("fails naming the file when it is no zip package, or one without a body", async () => {
    await expect(loadOdp(await fixture("broken.odp"), "broken.odp")).rejects.toThrow(/^could not read ODP broken\.odp: it is not a zip package/);
    const empty = await new JSZip().generateAsync({ type: "nodebuffer" });
    await expect(loadOdp(empty, "empty.odp")).rejects.toThrow("could not read ODP empty.odp: it has no content.xml");
  });
});
