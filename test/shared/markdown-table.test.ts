import { describe, expect, it } from "vitest";
import { isTableRow, isTableSeparator } from "../../src/shared/markdown-table.ts";

describe("Markdown table lines", () => {
  it("tells a table's rows from other lines that hold a bar", () => {
    expect(isTableRow("| City | Meals |")).toBe(true);
    expect(isTableRow("  | Denver | $74 |  ")).toBe(true);
    expect(isTableRow("Use a | to pipe output")).toBe(false);
    expect(isTableRow("")).toBe(false);
  });

  it("tells the line under a header row, with or without bars and alignment colons", () => {
    for (const line of ["| --- | --- |", "|:---|---:|", "--- | ---", "   | :---: |", "|-|-|", "| - | :-: |"]) expect(isTableSeparator(line)).toBe(true);
    for (const line of [undefined, "| City | Meals |", "- a list item", "|- item|", "-", " ".repeat(40_000), `|${" -".repeat(20_000)}x`]) {
      expect(isTableSeparator(line)).toBe(false);
    }
  });
});
