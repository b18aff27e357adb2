import { describe, expect, it } from "vitest";
import { isAbbreviatedUnit, withUnitsSpelledOut } from "../../src/shared/units-spelled-out.ts";

describe("a question searched with its units of time spelled out", () => {
  it("has each unit abbreviated after a number followed by its word, with or without a space", () => {
    expect(withUnitsSpelledOut("my calls keep cutting off at 40 min, and 2hrs of overtime")).toBe(
      "my calls keep cutting off at 40 min minutes, and 2hrs hours of overtime",
    );
    expect(withUnitsSpelledOut("off for 3 Wks. after 1.5 yrs")).toBe("off for 3 Wks. weeks after 1.5 yrs years");
  });

  it("leaves an abbreviation without a number as it is: alone, hr is the people team", () => {
    expect(withUnitsSpelledOut("ask hr about a min wage, 5 more days")).toBe("ask hr about a min wage, 5 more days");
  });
});

describe("an abbreviated unit", () => {
  it("is one after a number, or joined to it", () => {
    expect(isAbbreviatedUnit("40", "min")).toBe(true);
    expect(isAbbreviatedUnit(undefined, "2hrs")).toBe(true);
    expect(isAbbreviatedUnit("to", "hr")).toBe(false);
    expect(isAbbreviatedUnit("40", "constructor")).toBe(false);
  });
});
