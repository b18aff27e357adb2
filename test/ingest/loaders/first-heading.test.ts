import { describe, expect, it } from "vitest";
import { firstHeading } from "../../../src/ingest/loaders/first-heading.ts";

describe("firstHeading", () => {
  it("finds the first ATX heading, whatever its level", () => {
    expect(firstHeading("Intro text.\n\n### Parental leave\n\n# Later")).toBe("Parental leave");
  });

  it("drops closing hashes and inline markup", () => {
    expect(firstHeading("## **Annual** `leave` [policy](x.md) ##")).toBe("Annual leave policy");
  });

  it("drops the backslashes that only keep punctuation literal, as GitBook writes them", () => {
    expect(firstHeading("# Mattermost Leadership Team \\(MLT\\) \\*beta\\*")).toBe("Mattermost Leadership Team (MLT) *beta*");
  });

  it("finds a setext heading", () => {
    expect(firstHeading("Annual leave\n============\n\nBody")).toBe("Annual leave");
    expect(firstHeading("Annual leave\n---\n\nBody")).toBe("Annual leave");
  });

  it("does not mistake a rule under a list item for a setext heading", () => {
    expect(firstHeading("- one item\n---\n\n## Real heading")).toBe("Real heading");
  });

  it("ignores comments inside fenced code", () => {
    expect(firstHeading("```bash\n# install dependencies\nnpm ci\n```\n\n# Setup")).toBe("Setup");
  });

  it("ignores hashtags and empty headings", () => {
    expect(firstHeading("#hashtag\n\n#\n\n## Leave")).toBe("Leave");
  });

  it("is null when the document has no heading", () => {
    expect(firstHeading("Just a paragraph.\n\n- and a list")).toBeNull();
  });
});
