import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { loadOds } from "../../../src/ingest/loaders/load-ods.ts";

const fixture = (name: string) => readFile(resolve(import.meta.dirname, "../../fixtures/loaders", name));

describe("loadOds: a LibreOffice Calc spreadsheet", () => {
  it("reads each visible sheet as a section holding one table, its first filled row the header and a line above it its caption", async () => {
    const page = await loadOds(await fixture("office-costs.ods"), "office-costs.ods");
    expect(page.title).toBe("office costs");
    expect(page.markdown).toBe(
      [
        "## Per diem",
        "Per diem rates 2024, approved by the CFO",
        [
          "| City | Meals | Lodging | Updated |",
          "| --- | --- | --- | --- |",
          "| Denver | $74.00 | $199.00 | 03/01/2024 |",
          "| Boston \\| Cambridge | $80.00 |  | 15% |",
          "| Remote | $0.00 |  |  |",
          "| Remote | $0.00 |  |  |",
        ].join("\n"),
      ].join("\n\n"),
    );
  });

  it("shows cells as Calc shows them, leaves out comments, hidden sheets and the empty cells repeated to the sheet's edge", async () => {
    const { markdown } = await loadOds(await fixture("office-costs.ods"), "office-costs.ods");
    for (const hidden of ["Margins", "Secret", "finance"]) expect(markdown, hidden).not.toContain(hidden);
    expect(markdown.split("\n").every((line) => line.length < 200)).toBe(true);
  });

  it("leaves out hidden and filtered rows, hidden columns and what a merged-away cell still holds", async () => {
    const cell = (text: string) => `<table:table-cell><text:p>${text}</text:p></table:table-cell>`;
    const sheet = [
      '<table:table table:name="Staff"><table:table-column/><table:table-column table:visibility="collapse"/><table:table-column/>',
      `<table:table-row>${cell("Name")}${cell("Salary")}${cell("Team")}</table:table-row>`,
      `<table:table-row>${cell("Alice")}${cell("90000")}${cell("Ops")}</table:table-row>`,
      `<table:table-row table:visibility="collapse">${cell("Bob")}${cell("80000")}${cell("Sales")}</table:table-row>`,
      `<table:table-row table:visibility="filter">${cell("Carol")}${cell("70000")}${cell("Legal")}</table:table-row>`,
      `<table:table-row><table:table-cell table:number-columns-spanned="3"><text:p>Totals below</text:p></table:table-cell><table:covered-table-cell>${"<text:p>Leftover</text:p>"}</table:covered-table-cell></table:table-row>`,
      "</table:table>",
    ].join("");
    const zip = new JSZip().file(
      "content.xml",
      `<office:document-content><office:body><office:spreadsheet>${sheet}</office:spreadsheet></office:body></office:document-content>`,
    );
    const { markdown } = await loadOds(await zip.generateAsync({ type: "nodebuffer" }), "staff.ods");
    expect(markdown).toBe("## Staff\n\n| Name | Team |\n| --- | --- |\n| Alice | Ops |\n| Totals below |  |");
  });

  it("fails naming the file when it is no zip package, or one without a body", async () => {
    await expect(loadOds(await fixture("broken.ods"), "broken.ods")).rejects.toThrow(/^could not read ODS broken\.ods: it is not a zip package/);
    const empty = await new JSZip().generateAsync({ type: "nodebuffer" });
    await expect(loadOds(empty, "empty.ods")).rejects.toThrow("could not read ODS empty.ods: it has no content.xml");
  });
});
