import { describe, expect, it } from "vitest";
import { headingKeys, namedHeading, sectionKey, sectionReferences } from "../../src/shared/section-references.ts";

const named = (sentence: string, ...headings: string[]) => namedHeading(sectionReferences(sentence), headings.map(sectionKey));

describe("pointers to other sections of a page", () => {
  it("knows the section a sentence points to, quoted, placed above or below, or named as a link's text", () => {
    expect(named('Moving abroad is different; see "Working from abroad" below.', "Core hours", "Working from abroad")).toBe("working from abroad");
    expect(named("The limits are described in the Travel expenses section above.", "Travel expenses")).toBe("travel expenses");
    expect(named("For details, see “Per diem”.", "Per diem")).toBe("per diem");
    expect(named("For more information, see What is an incident?", "What is an incident?")).toBe("what is an incident");
  });

  it("takes the longest heading the pointer names, and never one that only begins the same way", () => {
    expect(named("See Travel expenses for the limits.", "Travel", "Travel expenses")).toBe("travel expenses");
    expect(named("See Travelling with a laptop.", "Travel")).toBeNull();
    expect(named("To learn it, see MAC address of your router.", "MAC")).toBeNull();
    expect(named("Please see your manager first.", "Working from abroad")).toBeNull();
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

  it("knows that a passage cut out of a long code block starts in code, and reads its headings after the block", () => {
    expect(headingKeys("  x = 1\n# a comment in the code\n```\n\nThe prose after the code.\n\n## Next\n\nMore.")).toEqual(["next"]);
  });

  // A backtracking pattern took seconds on a few thousand spaces and never finished on these.
  it("reads a heading line that holds a long run of spaces", () => {
    expect(headingKeys(`# a${" ".repeat(50_000)}b`)).toEqual(["a b"]);
  });
});
