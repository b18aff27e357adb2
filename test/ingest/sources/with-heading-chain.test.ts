import { describe, expect, it } from "vitest";
import { withHeadingChain } from "../../../src/ingest/sources/with-heading-chain.ts";
import { splitDocument } from "../../../src/ingest/split-document.ts";

describe("the heading chain of a page in a hierarchy", () => {
  it("puts ancestors and title in one heading, the page's own headings one level beneath it", () => {
    const markdown = withHeadingChain(
      ["Engineering", "Onboarding", "Laptop setup"],
      "# Laptop setup\n\nIntro.\n\n## Disk encryption\n\nSwitch it on.\n\n```sh\n# not a heading\n```",
    );
    expect(markdown).toBe("# Engineering › Onboarding › Laptop setup\n\nIntro.\n\n### Disk encryption\n\nSwitch it on.\n\n```sh\n# not a heading\n```");
  });

  it("gives every passage a heading path that starts with the page's place", async () => {
    const long = "Words about encryption. ".repeat(40);
    const passages = await splitDocument(
      withHeadingChain(["Engineering", "Laptop setup"], `Intro. ${long}\n\n# Disk encryption\n\n${long}\n\n###### Deep\n\n${long}`),
    );
    expect(passages.map((passage) => passage.heading)).toEqual([
      "Engineering › Laptop setup",
      "Engineering › Laptop setup › Disk encryption",
      "Engineering › Laptop setup › Disk encryption › Deep",
    ]);
  });

  it("leaves content alone when there is no chain", () => {
    expect(withHeadingChain([], "# Title\n\nText")).toBe("# Title\n\nText");
  });
});
