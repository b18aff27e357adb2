import { describe, expect, it } from "vitest";
import { acronymDefinitions } from "../../src/shared/acronym-definitions.ts";

describe("acronym definitions", () => {
  it("reads the words before a bracketed acronym that spell it, little words carried along", () => {
    expect(acronymDefinitions("You get 12 weeks of Paid Parental Leave (PPL). The Office of General Counsel (OGC) reviews it.")).toEqual([
      { acronym: "PPL", expansion: "Paid Parental Leave" },
      { acronym: "OGC", expansion: "Office of General Counsel" },
    ]);
  });

  it("uses a little word for a letter when the acronym has one, and reads over a line break", () => {
    expect(acronymDefinitions("The Freedom of Information Act (FOIA) applies. Name a Point of Contact (POC). Paid\nParental Leave (PPL).")).toEqual([
      { acronym: "FOIA", expansion: "Freedom of Information Act" },
      { acronym: "POC", expansion: "Point of Contact" },
      { acronym: "PPL", expansion: "Paid Parental Leave" },
    ]);
  });

  it("reads Markdown as its text, and a plural acronym as the acronym", () => {
    expect(acronymDefinitions("Open [pull requests](https://example.com) (PRs) early. A **Performance Improvement Plan** (PIP) lasts 60 days.")).toEqual([
      { acronym: "PR", expansion: "pull requests" },
      { acronym: "PIP", expansion: "Performance Improvement Plan" },
    ]);
  });

  it("reads brackets an exporter escaped as brackets", () => {
    expect(acronymDefinitions("Threads are shown as Collapsed Reply Threads \\(CRT\\) by default.")).toEqual([
      { acronym: "CRT", expansion: "Collapsed Reply Threads" },
    ]);
  });

  it("takes no bracket whose letters the words before it do not spell", () => {
    expect(acronymDefinitions("Ask the help desk (IT) or see the wiki (FAQ). Meet in Building 4 (B)")).toEqual([]);
  });

  // Inputs on which a backtracking expression or search would not finish.
  it("reads long runs of letters, brackets or little words", () => {
    for (const text of ["a".repeat(100_000), "[".repeat(100_000), `${"Ab ".repeat(30_000)}(ABABABAB)`, `${"of ".repeat(60)}(OOOOOOOX)`]) {
      expect(acronymDefinitions(text)).toEqual([]);
    }
  });
});
