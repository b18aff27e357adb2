import { describe, expect, it } from "vitest";
import { usablePdfTitle } from "../../../src/ingest/loaders/usable-pdf-title.ts";

describe("usablePdfTitle", () => {
  it("keeps a real title, spaces tidied", () => {
    expect(usablePdfTitle("  Parental Leave   Policy ")).toBe("Parental Leave Policy");
    expect(usablePdfTitle("2024 Benefits Guide")).toBe("2024 Benefits Guide");
  });

  it.each([
    ["Microsoft Word - policy.docx"],
    ["Microsoft PowerPoint - Q3 all hands"],
    ["policy.docx"],
    ["scan_0012.pdf"],
    ["C:\\Users\\hr\\Desktop\\handbook"],
    ["untitled"],
    ["Untitled document"],
    ["Title"],
    ["2024-03-01"],
    ["   "],
    ["PowerPoint Presentation"],
  ])("drops the junk title %j", (title) => {
    expect(usablePdfTitle(title)).toBeNull();
  });

  it("is null when there is no title or it is not text", () => {
    expect(usablePdfTitle(undefined)).toBeNull();
    expect(usablePdfTitle(42)).toBeNull();
  });
});
