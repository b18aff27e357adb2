import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { loadMarkdown } from "../../../src/ingest/loaders/load-markdown.ts";

const fixture = (name: string) => readFile(new URL(`../../fixtures/loaders/${name}`, import.meta.url));
const load = (markdown: string, fileName = "page.md") => loadMarkdown(Buffer.from(markdown), fileName);

describe("loadMarkdown", () => {
  describe("front matter", () => {
    it("takes the title from front matter", async () => {
      expect((await load("---\ntitle: Annual leave\n---\nBody")).title).toBe("Annual leave");
    });

    it("leaves the title null without front matter, for the caller to fall back on the first heading", async () => {
      const loaded = await load("# Annual leave\n\nBody");
      expect(loaded.title).toBeNull();
      expect(loaded.markdown).toBe("# Annual leave\n\nBody");
    });

    it("reads a title written as HTML the way the rendered page shows it", async () => {
      expect((await load("---\ntitle: Travel <em>before</em> onboarding &amp; after\n---\n")).title).toBe("Travel before onboarding & after");
    });

    it("reads a numeric title as text", async () => {
      expect((await load("---\ntitle: 2024\n---\n")).title).toBe("2024");
    });

    it("takes an absolute `url` as the document's URL", async () => {
      expect((await load("---\nurl: https://kb.example.com/leave\n---\n")).url).toBe("https://kb.example.com/leave");
    });

    it("falls back to an absolute `permalink` when `url` is missing or relative", async () => {
      expect((await load("---\nurl: /leave/\npermalink: https://kb.example.com/leave/\n---\n")).url).toBe("https://kb.example.com/leave/");
    });

    it("ignores site-relative URLs, which the source's base URL resolves", async () => {
      expect((await load("---\nurl: /leave/\npermalink: /people/leave/\n---\n")).url).toBeNull();
    });

    it("joins keywords, tags and description, given as strings or lists, into search terms", async () => {
      const loaded = await load("---\nkeywords: [vacation, holidays]\ntags: time off\ndescription: How to take leave.\n---\n");
      expect(loaded.keywords).toBe("vacation holidays time off How to take leave.");
    });

    it("has empty keywords when the author gave none", async () => {
      expect((await load("---\ntitle: Leave\n---\nBody")).keywords).toBe("");
    });

    it("rejects a front matter that is not valid YAML, saying so and naming the file", async () => {
      await expect(load("---\ntitle: [unclosed\n  bad: : yaml\n---\nBody", "leave.md")).rejects.toThrow(/front matter is invalid in leave\.md/);
    });

    it("reads Hugo's TOML front matter between +++ lines, and rejects one that is not valid TOML, naming the file", async () => {
      const loaded = await load('+++\ntitle = "Expenses policy"\ntags = ["travel", "receipts"]\nweight = 10\n+++\n\n# Expenses\n\nBody');
      expect(loaded).toMatchObject({ title: "Expenses policy", keywords: "travel receipts", markdown: "# Expenses\n\nBody" });
      await expect(load('+++\ntitle = "unclosed\n+++\nBody', "expenses.md")).rejects.toThrow(/front matter is invalid in expenses\.md/);
    });

    it("refuses JavaScript front matter instead of running it", async () => {
      const markdown = "---js\n{ title: (globalThis.frontMatterRan = true, 'Pwned') }\n---\nBody";
      await expect(load(markdown, "evil.md")).rejects.toThrow(/front matter is invalid in evil\.md/);
      expect((globalThis as { frontMatterRan?: boolean }).frontMatterRan).toBeUndefined();
    });

    it("treats an opening `---` that nothing closes as a thematic break, not as front matter", async () => {
      const loaded = await load("---\n\nAnnual leave: 25 days.");
      expect(loaded.title).toBeNull();
      expect(loaded.markdown).toBe("---\n\nAnnual leave: 25 days.");
    });
  });

  it("reads the body after the front matter with Windows line endings and a byte order mark", async () => {
    const loaded = await loadMarkdown(Buffer.from("\uFEFF---\r\ntitle: Leave\r\n---\r\n# Leave\r\n\r\nBody\r\n"), "page.md");
    expect(loaded).toEqual({ title: "Leave", url: null, markdown: "# Leave\n\nBody", keywords: "" });
  });

  it("drops MDX imports, exports and JSX-only lines in .mdx files", async () => {
    const mdx = [
      'import { Callout } from "../components/callout";',
      "export const meta = {",
      '  owner: "people-ops",',
      "};",
      "",
      "# Leave",
      "",
      '<Callout type="warning">',
      "Book leave two weeks ahead.",
      "</Callout>",
    ].join("\n");
    expect((await load(mdx, "leave.MDX")).markdown).toBe("# Leave\n\nBook leave two weeks ahead.");
  });

  it("keeps prose that merely starts with `export` in plain Markdown", async () => {
    expect((await load("export your timesheet by Friday.", "timesheets.md")).markdown).toBe("export your timesheet by Friday.");
  });

  it("loads a handbook page: metadata from front matter, a body without markup, URLs or template tags", async () => {
    const loaded = await loadMarkdown(await fixture("leave-policy.md"), "leave-policy.md");
    expect(loaded.title).toBe("Annual leave");
    expect(loaded.url).toBe("https://handbook.example.com/people/leave/");
    expect(loaded.keywords).toBe("vacation holidays time off How to take annual leave.");
    expect(loaded.markdown).toBe(
      [
        "Annual leave resets on January 1.",
        "",
        "## How much leave you get",
        "",
        "Full-time staff get 25 days a year, see the leave chart.",
        "Part-timers get a pro-rated share (details).",
        "",
        "Leave calendar",
        "",
        "| Years of service | Days |",
        "| --- | --- |",
        "| 0–5 | 25 |",
        "| 5+ | 28 |",
        "",
        "## How to request leave",
        "",
        "1. Open the HR portal.",
        "2. Ask in #people-ops if anything is unclear.",
        "",
        "```html",
        '<a href="{{ page.url }}">Code stays as written</a>',
        "```",
      ].join("\n"),
    );
  });
});
