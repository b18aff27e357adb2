import { describe, expect, it } from "vitest";
import { pdfTitle } from "../../../src/ingest/loaders/pdf-title.ts";

describe("pdfTitle", () => {
  const page = "Dynamo: Amazon’s Highly Available Key-value Store Giuseppe DeCandia, Deniz Hastorun ABSTRACT Reliability at massive scale";

  it("takes the document information Title when the first page prints it", () => {
    expect(pdfTitle("Dynamo:  Amazon’s Highly Available Key-value Store", "Dynamo: Amazon’s Highly Available Key-value Store", page)).toBe(
      "Dynamo: Amazon’s Highly Available Key-value Store",
    );
  });

  it("prefers the first page's title-like heading to a Title the page does not print, left over from a template or another document", () => {
    expect(pdfTitle("System Model", "Dynamo: Amazon’s Highly Available Key-value Store", page)).toBe("Dynamo: Amazon’s Highly Available Key-value Store");
    expect(
      pdfTitle("template for UP 2008 proceedings", "POINTWISE: Predicting Points and Valuing Decisions", "POINTWISE: Predicting Points and Valuing Decisions"),
    ).toBe("POINTWISE: Predicting Points and Valuing Decisions");
  });

  it("keeps a Title the page does not print when the page's heading is too short to be the document's title", () => {
    expect(pdfTitle("Remote Work Policy", "Contents", "Contents 1. Purpose 2. Eligibility")).toBe("Remote Work Policy");
    expect(pdfTitle("Employee Handbook 2024", "Handbook", "Handbook Welcome.")).toBe("Employee Handbook 2024");
  });

  it("falls back to the heading for a junk or missing Title, and drops a site's name", () => {
    expect(pdfTitle("paper.dvi", "The Google File System", "The Google File System")).toBe("The Google File System");
    expect(pdfTitle(undefined, "Tidy Data", "Tidy Data")).toBe("Tidy Data");
    expect(pdfTitle("Leave policy | Acme Intranet", "Leave policy", "Leave policy Acme Intranet")).toBe("Leave policy");
    expect(pdfTitle(null, null, "")).toBeNull();
  });

  it("takes no contents page's heading for the document's title", () => {
    expect(pdfTitle(undefined, "CONTENTS PAGE", "CONTENTS PAGE 1 Introduction.......3")).toBeNull();
    expect(pdfTitle("Employee Handbook", "Table of Contents", "Table of Contents 1 Introduction")).toBe("Employee Handbook");
  });
});
