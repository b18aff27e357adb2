import { readFileSync } from "node:fs";
import wordListPath from "word-list";
import { describe, expect, it } from "vitest";
import { isEnglishWord, likelyMeant } from "../../src/shared/english-words.ts";

describe("English words", () => {
  it("knows English words with their inflections, and not typos, jargon or names", () => {
    for (const word of ["password", "passwords", "considered", "hoodie", "therapy"]) expect(isEnglishWord(word), word).toBe(true);
    for (const word of ["paswsord", "reecipt", "phpstorm", "timesheet"]) expect(isEnglishWord(word), word).toBe(false);
  });

  it("knows every word of its list, the few that the list has out of alphabetical order too", () => {
    const words = readFileSync(wordListPath, "utf8").split("\n").filter(Boolean);
    expect(words.length).toBeGreaterThan(200_000);
    expect(words.filter((word) => !isEnglishWord(word))).toEqual([]);
  });

  it("reads a mistyped word as the English words one edit away: a swap, a letter left out, doubled or changed", () => {
    expect(likelyMeant("paswsords")).toEqual(["passwords"]);
    expect(likelyMeant("reimbursment")).toEqual(["reimbursement"]);
    expect(likelyMeant("reccomend")).toContain("recommend");
    expect(likelyMeant("expences")).toContain("expenses");
  });

  it("counts a changed letter as one edit only when it is a slip: a keyboard neighbour, a vowel for a vowel, a letter that sounds alike", () => {
    expect(likelyMeant("vacstion")).toEqual(["vacation"]);
    expect(likelyMeant("benifits")).toEqual(["benefits"]);
    // "h" for "o" is neither: "thurs" (Thursday) is not read as "tours", only as "thus", a letter left out.
    expect(likelyMeant("thurs")).not.toContain("tours");
    expect(likelyMeant("thurs")).toContain("thus");
  });

  it("goes two edits away only for a long word, and keeps the first letter as typed", () => {
    expect(likelyMeant("apperaance")).toEqual(["appearance"]);
    // Six letters two edits from several words: no guess.
    expect(likelyMeant("tiktok")).toEqual([]);
    expect(likelyMeant("xpenses")).toEqual([]);
  });
});
