import { describe, expect, it } from "vitest";
import { namesIn, particularsIn } from "../../src/shared/names-in.ts";

describe("names in a question", () => {
  it("are its capitalised words after the first, lower case", () => {
    expect(namesIn("Does Expensify work in Portugal? Thanks")).toEqual(new Set(["expensify", "portugal"]));
  });

  it("say where or when, with days, months and seasons, but not acronyms, which name things one may have", () => {
    expect(particularsIn("moving from Texas to Portugal this summer, does our HSA move with me by March?")).toEqual(
      new Set(["texas", "portugal", "summer", "march"]),
    );
  });
});
