import { describe, expect, it } from "vitest";
import { loadMarkdown } from "../../../src/ingest/loaders/load-markdown.ts";

const read = async (markdown: string) => (await loadMarkdown(Buffer.from(markdown), "page.md")).markdown;

describe("footnotes in a Markdown page", () => {
  it("are read where the page shows them: marks gone from the text, definitions at the end under Footnotes", async () => {
    const page = [
      "# Time off",
      "",
      "Take at least 40 days a year.[^days] Tell your team [^team] a week ahead, as follows[^how]:",
      "",
      "[^days]: 40 days is the 90th percentile of paid holidays by country.",
      "[^team]: In the team's channel,",
      "  and in the shared calendar.",
      "",
      "    A second paragraph of the note.",
      "",
      "## Expected time off",
      "",
      "The last two weeks of the year.",
    ].join("\n");
    expect(await read(page)).toBe(
      [
        "# Time off",
        "",
        "Take at least 40 days a year. Tell your team a week ahead, as follows:",
        "",
        "## Expected time off",
        "",
        "The last two weeks of the year.",
        "",
        "## Footnotes",
        "",
        "40 days is the 90th percentile of paid holidays by country.",
        "",
        "In the team's channel,\nand in the shared calendar.\n\nA second paragraph of the note.",
      ].join("\n"),
    );
  });

  it("leaves a page without them, and code that shows the syntax, as written", async () => {
    expect(await read("# Links\n\nSee [the guide][guide].\n\n[guide]: https://example.com/guide")).toBe("# Links\n\nSee the guide.");
    const example = "Write a footnote like this:\n\n```markdown\nText.[^1]\n\n[^1]: The note.\n```";
    expect(await read(example)).toBe(example);
  });
});
