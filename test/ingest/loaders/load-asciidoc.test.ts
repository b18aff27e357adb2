import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { LoadedContent } from "../../../src/ingest/loaded-document.ts";
import { loadAsciidoc } from "../../../src/ingest/loaders/load-asciidoc.ts";

const FIXTURE = resolve(import.meta.dirname, "../../fixtures/loaders/security-guide.adoc");
const load = async (adoc: string) => loadAsciidoc(Buffer.from(adoc), "page.adoc");

describe("loadAsciidoc: an Asciidoctor page", () => {
  let page: LoadedContent;
  beforeAll(async () => {
    page = await loadAsciidoc(await readFile(FIXTURE), "security-guide.adoc");
  });

  it("is titled by its document title, with sections as headings under it", () => {
    expect(page.title).toBe("Security handbook");
    expect(page.markdown.split("\n").filter((line) => line.startsWith("#"))).toEqual(["# Security handbook", "## Lost devices"]);
  });

  it("takes keywords and description from the header's attributes", () => {
    expect(page.keywords).toBe("laptops, passwords How we keep devices safe.");
  });

  it("substitutes attributes and reads cross-references as their text, one to another file as words", () => {
    expect(page.markdown).toContain("Example Corp issues every employee a laptop. Read what to do when one is lost first, and travel rules before a trip.");
  });

  it("leaves out the table of contents, comments, includes and what a conditional excludes", () => {
    for (const hidden of ["Table of Contents", "Editors", "contacts.adoc", "master key", "ifdef"]) expect(page.markdown, hidden).not.toContain(hidden);
  });

  it("reads call-outs as their text, a titled one with its title run in", () => {
    expect(page.markdown).toContain("\n\nLaptops are replaced every three years.\n\n");
    expect(page.markdown).toContain("**Never share passwords**: Nobody from IT will ever ask for your password.");
    expect(page.markdown).not.toMatch(/^(?:Note|Warning)$/m);
  });

  it("runs a description list's terms into their definitions", () => {
    expect(page.markdown).toContain("**Disk encryption**: Every laptop’s disk is encrypted, so a lost one exposes nothing.");
    expect(page.markdown).toContain("**Remote wipe**: IT can erase a lost laptop the next time it connects.");
  });

  it("turns tables into Markdown tables and source blocks into fenced code", () => {
    expect(page.markdown).toContain("| Account | Minimum length |\n| --- | --- |\n| Laptop login | 12 characters |\n| Password manager | 16 characters |");
    expect(page.markdown).toContain("```bash\nsecurity report --lost\n```");
  });
});

describe("loadAsciidoc: on its own", () => {
  it("titles a page without a document header by its first section, as Asciidoctor does", async () => {
    const page = await load("=== Undoing things\n\nAmend the last commit with `git commit --amend`...\n");
    expect(page.title).toBe("Undoing things");
    expect(page.markdown).toContain("Amend the last commit with `git commit --amend`…");
    expect(page.markdown).not.toContain("\u200b");
  });

  it("leaves the title to the file name when the page has neither header nor section", async () => {
    expect((await load("Just a paragraph.\n")).title).toBeNull();
  });

  it("keeps the text around an include on the same lines", async () => {
    expect((await load("= Page\n\nIntro text.\ninclude::other.adoc[]\nMore text.\n")).markdown).toBe("# Page\n\nIntro text. More text.");
  });

  it("makes no heading of a bold line or a term above a list: AsciiDoc has sections for that", async () => {
    const { markdown } = await load("= Page\n\nTools::\n* hammer\n\n*Bug fixes*\n\nAfter.\n");
    expect(markdown.split("\n").filter((line) => line.startsWith("#"))).toEqual(["# Page"]);
    expect(markdown).toContain("**Tools**");
  });

  it("fences literal blocks, so their lines never read as lists or headings", async () => {
    expect((await load("= Page\n\n....\n1. not a list\n# not a heading\n....\n")).markdown).toBe("# Page\n\n```\n1. not a list\n# not a heading\n```");
  });

  it("never reads files or URLs the document names", async () => {
    const page = await load(`= Page\n\ninclude::${FIXTURE}[]\n\nimage::https://example.com/x.png[]\n`);
    expect(page.markdown).not.toContain("Security handbook");
    expect(page.markdown).toBe("# Page");
  });
});
