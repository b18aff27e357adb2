import { describe, expect, it } from "vitest";
import { distinctTitles } from "../../src/core/distinct-titles.ts";
import type { Citation } from "../../src/core/types.ts";

const citation = (n: number, docId: string, title: string, heading: string | null = null): Citation => ({
  n,
  docId,
  title,
  url: null,
  heading,
  snippet: "",
  updatedAt: 0,
});

describe("distinctTitles", () => {
  it("tells sources of one answer that share a title apart by the part of their path where they differ", () => {
    const titles = distinctTitles([
      citation(1, "doc/source/users/introduction.rst", "Introduction"),
      citation(2, "doc/source/operators/introduction.rst", "Introduction"),
      citation(3, "doc/source/common/irc.rst", "Set Up IRC"),
    ]).map((c) => c.title);
    expect(titles).toEqual(["Introduction (users)", "Introduction (operators)", "Set Up IRC"]);
  });

  it("names a file by its name as a person writes it, and adds nothing that repeats the title", () => {
    const titles = distinctTitles([
      citation(1, "policies/Wireless Communication Policy.docx", "Wireless Communication Standard"),
      citation(2, "policies/Wireless Communication Standard.docx", "Wireless Communication Standard"),
      citation(3, "hr/leave_policy-2019.md", "Leave"),
      citation(4, "hr/leave.md", "leave"),
    ]).map((c) => c.title);
    expect(titles).toEqual([
      "Wireless Communication Standard (Wireless Communication Policy)",
      "Wireless Communication Standard",
      "Leave (leave policy 2019)",
      "leave",
    ]);
  });

  it("names a year that tells two versions apart", () => {
    const titles = distinctTitles([citation(1, "policies/2023/leave.md", "Leave"), citation(2, "policies/2024/leave.md", "Leave")]).map((c) => c.title);
    expect(titles).toEqual(["Leave (2023)", "Leave (2024)"]);
  });

  it("leaves two passages of one document, and pages told apart only by an id, as they are", () => {
    const same = [citation(1, "hr/leave.md", "Leave", "Parental leave"), citation(2, "hr/leave.md", "Leave", "Sick leave")];
    expect(distinctTitles(same)).toEqual(same);
    const confluence = [citation(1, "98304", "Meeting notes"), citation(2, "98305", "Meeting notes")];
    expect(distinctTitles(confluence)).toEqual(confluence);
  });
});
