import { describe, expect, it } from "vitest";
import { isTableRow, isTableSeparator, widenSeparators } from "../../src/shared/markdown-table.ts";

describe("Markdown table lines", () => {
  it("tells a table's rows from other lines that hold a bar", () => {
    expect(isTableRow("| City | Meals |")).toBe(true);
    expect(isTableRow("  | Denver | $74 |  ")).toBe(true);
    expect(isTableRow("Use a | to pipe output")).toBe(false);
    expect(isTableRow("")).toBe(false);
  });

  it("tells the line under a header row, with or without bars and alignment colons", () => {
    for (const line of ["| --- | --- |", "|:---|---:|", "--- | ---", "   | :---: |"]) expect(isTableSeparator(line)).toBe(true);
    for (const line of [undefined, "| City | Meals |", "- a list item", " ".repeat(40_000)]) expect(isTableSeparator(line)).toBe(false);
  });

  it("writes out a separator of single dashes under a table's first row, and leaves a row of dashes further down as data", () => {
    expect(widenSeparators("| Status | Description |\n|-|:-:|\n| Draft | Being written |\n| - | - |")).toBe(
      "| Status | Description |\n| --- | :---: |\n| Draft | Being written |\n| - | - |",
    );
    expect(widenSeparators("| a | b |\n|-|\n\ntext |-| more")).toBe("| a | b |\n|-|\n\ntext |-| more");
  });
});
