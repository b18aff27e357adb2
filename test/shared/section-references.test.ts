import { describe, expect, it } from "vitest";
import { headingKeys, pointsTo, sectionKey, sectionReferences } from "../../src/shared/section-references.ts";

const points = (sentence: string, heading: string) => pointsTo(sectionReferences(sentence), sectionKey(heading));

describe("pointers to other sections of a page", () => {
  it("knows the section a sentence points to, quoted, placed above or below, or named as a link's text", () => {
    expect(points('Moving abroad is different; see "Working from abroad" below.', "Working from abroad")).toBe(true);
    expect(points("The limits are described in the Travel expenses section above.", "Travel expenses")).toBe(true);
    expect(points("For details, see “Per diem”.", "Per diem")).toBe(true);
    expect(points("For more information, see What is an incident?", "What is an incident?")).toBe(true);
  });

  it("does not take a pointer to one thing for a section whose name only begins the same way", () => {
    expect(points("See Travel expenses for the limits.", "Travel")).toBe(true);
    expect(points("See Travelling with a laptop.", "Travel")).toBe(false);
    expect(points("Please see your manager first.", "Working from abroad")).toBe(false);
  });

  it("finds no pointer in a sentence that points nowhere", () => {
    expect(sectionReferences("Submit the form within 10 days.")).toEqual([]);
  });

  it("compares names without case, punctuation or a leading 'the'", () => {
    expect(sectionKey("The Per-diem rates!")).toBe(sectionKey("per diem rates"));
  });

  it("lists a Markdown text's headings, not the lines in its code fences", () => {
    expect(headingKeys("## Working from abroad\n\nText.\n\n```sh\n# not a heading\n```\n\n### Core hours ##")).toEqual(["working from abroad", "core hours"]);
  });
});
