import { describe, expect, it } from "vitest";
import { withoutReferenceMarkers } from "../../src/core/without-reference-markers.ts";

describe("withoutReferenceMarkers", () => {
  it("drops a document's numbered references from its prose, alone, listed or as a range", () => {
    expect(withoutReferenceMarkers("Data is partitioned using consistent hashing [10], and versioned [12].")).toBe(
      "Data is partitioned using consistent hashing, and versioned.",
    );
    expect(withoutReferenceMarkers("similar to what is done in [12, 46]. Leases [3–5] expire.")).toBe("similar to what is done in. Leases expire.");
  });

  it("leaves links, footnotes, code and brackets that are not references alone", () => {
    const kept = [
      "See [the travel policy](https://example.com/travel) first.",
      "A footnote[^1] stays.",
      "```\nvalues = [1, 2, 3]\nfirst = values [0]\n```",
      "Pick one of [A] or [B].",
      "x = [1]",
    ];
    for (const text of kept) expect(withoutReferenceMarkers(text)).toBe(text);
  });
});
