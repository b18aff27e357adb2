import { describe, expect, it } from "vitest";
import { isTableRow, isTableSeparator, withTablesPiped } from "../../src/shared/markdown-table.ts";

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
    expect(withTablesPiped("| Status | Description |\n|-|:-:|\n| Draft | Being written |\n| - | - |")).toBe(
      "| Status | Description |\n| --- | :---: |\n| Draft | Being written |\n| - | - |",
    );
    expect(withTablesPiped("| a | b |\n|-|\n\ntext |-| more")).toBe("| a | b |\n|-|\n\ntext |-| more");
  });

  it("gives the rows of a table the outer bars GitHub lets an author leave out, and nothing else", () => {
    expect(withTablesPiped("Talk | Slides\n--- | ---\n| Intro | TBD |\n| Deep dive | [Slides](deep.pdf)\nfollowing prose")).toBe(
      "| Talk | Slides |\n| --- | --- |\n| Intro | TBD |\n| Deep dive | [Slides](deep.pdf) |\nfollowing prose",
    );
    expect(withTablesPiped("Key | Means\n--- | ---\nbar | a literal \\|")).toBe("| Key | Means |\n| --- | --- |\n| bar | a literal \\| |");
    expect(withTablesPiped("Use a | to pipe output\n---")).toBe("Use a | to pipe output\n---");
  });
});
