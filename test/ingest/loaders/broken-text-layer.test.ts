import { describe, expect, it } from "vitest";
import { hasBrokenTextLayer } from "../../../src/ingest/loaders/broken-text-layer.ts";
import { LETTER_SOUP } from "../../helpers/letter-soup.ts";

describe("hasBrokenTextLayer", () => {
  it("tells text in fonts without a Unicode map", () => {
    expect(hasBrokenTextLayer(LETTER_SOUP)).toBe(true);
  });

  it("reads text as text: prose, a table of figures, a formula with a broken glyph, a script without case", () => {
    expect(hasBrokenTextLayer("Employees receive 12 weeks of paid parental leave.")).toBe(false);
    expect(hasBrokenTextLayer("| 2024 | 1,234 | 5,678 |\n| 2025 | 1,301 | 5,912 |")).toBe(false);
    expect(hasBrokenTextLayer("The bound holds for every \u0001 in the set of nodes, as the proof below shows for each case.")).toBe(false);
    expect(hasBrokenTextLayer("员工享有十二周带薪育儿假。")).toBe(false);
    // Word's Symbol bullets come out as private-use characters; a safety sheet may be all capitals.
    expect(hasBrokenTextLayer("\uf0b7 ALL STAFF MUST WEAR HARD HATS IN ZONE 3.\n\uf0b7 NO OPEN FLAMES WITHIN 50 FT.")).toBe(false);
    expect(hasBrokenTextLayer("")).toBe(false);
  });
});
