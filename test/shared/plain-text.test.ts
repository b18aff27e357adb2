import { describe, expect, it } from "vitest";
import { plainText } from "../../src/shared/plain-text.ts";

describe("plain text from Markdown", () => {
  it("keeps a list item that is wrapped over several lines as one item", () => {
    const markdown = [
      "Before your last day:",
      "",
      "- Ensure your home address is correct in",
      "  Employee Express and switch your W2 delivery to paper.",
      "- Return your laptop.",
      "",
      "After that, you are done.",
    ].join("\n");
    const text = plainText(markdown);
    expect(text).toContain("\u2022 Ensure your home address is correct in Employee Express and switch your W2 delivery to paper.");
    expect(text).toContain("\u2022 Return your laptop.");
    expect(text).toContain("After that, you are done.");
  });

  it("does not join a heading, a table or a new paragraph to the item before it", () => {
    const text = plainText(["- First item", "## Next section", "Body text.", "", "- Second item", "", "A paragraph."].join("\n"));
    expect(text).not.toContain("First item Next section");
    expect(text).toContain("\u2022 Second item");
    expect(text).not.toContain("Second item A paragraph");
    expect(text).toContain("A paragraph.");
  });
});
