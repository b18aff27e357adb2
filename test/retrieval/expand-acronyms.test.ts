import { describe, expect, it } from "vitest";
import { expandAcronyms } from "../../src/retrieval/expand-acronyms.ts";

const acronyms = new Map([
  ["ppl", "Paid Parental Leave"],
  ["it", "Information Technology"],
  ["pip", "Performance Improvement Plan"],
]);

describe("expanding acronyms", () => {
  it("adds what an acronym stands for, and the acronym where the question spells it out", () => {
    expect(expandAcronyms("can I take PPL in two blocks?", acronyms)).toBe("can I take PPL in two blocks? Paid Parental Leave");
    expect(expandAcronyms("I'm on a performance improvement plan, can I take leave?", acronyms)).toBe(
      "I'm on a performance improvement plan, can I take leave? PIP",
    );
  });

  it("takes a word in lower case for an acronym only when it is no English word", () => {
    expect(expandAcronyms("how much ppl do I get?", acronyms)).toBe("how much ppl do I get? Paid Parental Leave");
    expect(expandAcronyms("is it ok to work from home?", acronyms)).toBe("is it ok to work from home?");
    expect(expandAcronyms("who runs IT here?", acronyms)).toBe("who runs IT here? Information Technology");
  });

  it("adds nothing twice: an expanded question stays as it is", () => {
    const once = expandAcronyms("can I take PPL in two blocks?", acronyms);
    expect(expandAcronyms(once, acronyms)).toBe(once);
  });
});
