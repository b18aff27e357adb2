import { describe, expect, it } from "vitest";
import { paragraphLinesToMarkdown } from "../../../src/ingest/loaders/paragraph-lines-to-markdown.ts";

describe("paragraphLinesToMarkdown: headings told by their shape", () => {
  it("takes a short line without a closing stop, before a paragraph, for a heading; the first one titles the document", () => {
    expect(paragraphLinesToMarkdown("Travel policy\nPurpose\nThis policy covers trips.\nBooking\nBook through the travel desk.")).toBe(
      "# Travel policy\n\n## Purpose\n\nThis policy covers trips.\n\n## Booking\n\nBook through the travel desk.",
    );
  });

  it("leaves lines that end as sentences, lead-ins and lines in a list of short items as text", () => {
    expect(paragraphLinesToMarkdown("Bring the following:\nLaptop\nBadge\nCharger")).toBe("Bring the following:\n\nLaptop\n\nBadge\n\nCharger");
    expect(paragraphLinesToMarkdown("Call us.\nWe answer within a day.")).toBe("Call us.\n\nWe answer within a day.");
  });

  it("reads lines of tab-ended cells as a table, and a short line above one as its heading", () => {
    expect(paragraphLinesToMarkdown("Holidays\nHoliday\tDate\t\nNew Year\t1 January\t")).toBe(
      "# Holidays\n\n| Holiday | Date |\n| --- | --- |\n| New Year | 1 January |",
    );
  });

  it("keeps a line starting with '#' from becoming a heading, and drops Word's control characters", () => {
    expect(paragraphLinesToMarkdown("# of days: 25.\u0007\nMore text here.")).toBe("\\# of days: 25.\n\nMore text here.");
  });
});
