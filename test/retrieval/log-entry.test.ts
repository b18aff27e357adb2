import { describe, expect, it } from "vitest";
import { isLogEntry } from "../../src/retrieval/log-entry.ts";

describe("a log entry", () => {
  it("is a section headed by a date, however the date is written", () => {
    for (const heading of ["Meeting notes › November 8, 2017", "2021-12-07", "Notes › 12/7/2021", "8th July", "Tuesday, May 2", "Sept 14 2020 - planning"]) {
      expect(isLogEntry({ title: "SIG Node meetings", heading })).toBe(true);
    }
  });

  it("is a page titled by a date", () => {
    expect(isLogEntry({ title: "2023-05-02 Team sync", heading: "Decisions" })).toBe(true);
  });

  it("is not a section that only mentions a date or a month, nor one headed by a year", () => {
    for (const heading of [
      "Holidays › May Day",
      "Deadlines in March",
      "Leave › 2024 allowance",
      "March madness",
      "Pay day is May 25",
      "Effective January 1, 2025",
    ]) {
      expect(isLogEntry({ title: "Handbook", heading })).toBe(false);
    }
    expect(isLogEntry({ title: "Handbook", heading: null })).toBe(false);
  });
});
