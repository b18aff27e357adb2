import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadRst } from "../../../src/ingest/loaders/load-rst.ts";
import type { LoadedContent } from "../../../src/ingest/loaded-document.ts";
import { firstHeading } from "../../../src/ingest/loaders/first-heading.ts";

const FIXTURE = resolve(import.meta.dirname, "../../fixtures/loaders/expenses-guide.rst");
const load = async (rst: string) => (await loadRst(Buffer.from(rst), "page.rst")).markdown;

describe("loadRst: a Sphinx page", () => {
  let page: LoadedContent;
  beforeAll(async () => {
    page = await loadRst(await readFile(FIXTURE), "expenses-guide.rst");
  });

  it("makes section titles headings, levelled by the order their adornment styles first appear", () => {
    const headings = page.markdown.split("\n").filter((line) => line.startsWith("#"));
    expect(headings).toEqual(["# Travel and expenses", "## Submitting a claim", "### Per diem rates", "### Glossary"]);
    expect(firstHeading(page.markdown)).toBe("Travel and expenses");
  });

  it("leaves out what never shows on the page: file metadata, comments, targets, toctrees, images and includes", () => {
    for (const hidden of [
      "orphan",
      "tocdepth",
      "editors only",
      "second line",
      "_submitting",
      "travel/booking",
      "maxdepth",
      "receipt.png",
      "finance-contacts",
      ".. ",
    ]) {
      expect(page.markdown, hidden).not.toContain(hidden);
    }
  });

  it("takes keywords and description from the meta directive", () => {
    expect(page.keywords).toBe("reimbursement, travel claims How to claim travel costs.");
  });

  it("reads inline markup as the rendered page shows it", () => {
    expect(page.markdown).toContain("This guide explains how Example Corp pays back");
    expect(page.markdown).toContain("Claims go through Expensify; see\nSubmitting a claim for the steps and the finance FAQ\nfor everything else.");
    expect(page.markdown).toContain("Read PEP 8 only if you write code, and the\nleave page for time off.");
    expect(page.markdown).toContain("Open New Claim under Finance → Claims and attach");
    expect(page.markdown).toContain("The `claims` tool checks them with `verify`.");
    expect(page.markdown).toContain("The per diem covers meals and incidentals.");
  });

  it("reads call-outs as their text, titled ones with a run-in title, version notes as Sphinx words them", () => {
    expect(page.markdown).toContain("\n\nClaims older than **90 days** are not paid.\n\n");
    expect(page.markdown).toContain("\n\nNever share your corporate card number in chat.\n\n");
    expect(page.markdown).toContain("**Lost receipts**: Write a short statement saying what you bought, when and for how much.");
    expect(page.markdown).toContain("New in version 2024: Rail travel may be booked in first class on trips over four hours.");
    expect(page.markdown).toContain("**Windows**: Install the Expensify app from the company portal.");
  });

  it("keeps enumerated lists' numbers, nested lists under their item, and counts on at an auto-numbered item", () => {
    expect(page.markdown).toContain(
      "1. Photograph each receipt.\n\n2. Fill in the claim:\n\n   - the cost centre\n   - the project code\n\n3. Submit it before the month ends.\n\n4. Wait for your manager's approval.",
    );
  });

  it("fences literal blocks, code blocks and doctests; '::' ending a paragraph reads as ':'", () => {
    expect(page.markdown).toContain("run:\n\n```\nclaims status --mine\n```");
    expect(page.markdown).toContain('```python\nfrom finance import claims\nclaims.status("mine")\n```');
    expect(page.markdown).toContain("```pycon\n>>> claims.total()\n42\n```");
  });

  it("turns grid, simple, list and CSV tables into Markdown tables, a titled one under its title", () => {
    expect(page.markdown).toContain("| City | Meals | Lodging |\n| --- | --- | --- |\n| Austin | 68 | 180 |\n| Lisbon | 61 | 150 |");
    expect(page.markdown).toContain("| Class | Who flies it |\n| --- | --- |\n| Economy | Everyone |\n| Business | Flights over eight hours |");
    expect(page.markdown).toContain("**Mileage**\n\n| Vehicle | Rate per mile |\n| --- | --- |\n| Car | 0.67 |\n| Bicycle | 0.20 |");
    expect(page.markdown).toContain("**Approvers**\n\n| Amount | Approver |\n| --- | --- |\n| up to 500 | Your manager |\n| over 500 | The finance director |");
  });

  it("reads definition and field lists as terms running into their text", () => {
    expect(page.markdown).toContain("**Cost centre**: The budget a cost is charged to.");
    expect(page.markdown).toContain("**Owner**: Finance team");
  });

  it("keeps a footnote's text and a block quote's, without the reference marks", () => {
    expect(page.markdown).toContain("The travel booking rules.\n\nBook through the travel desk at least two weeks ahead.");
    expect(page.markdown).toContain("A claim is a promise, not a gift.");
  });
});

describe("loadRst: constructs on their own", () => {
  it("resolves a reference to a labelled section of the same page to its title, else words the label", async () => {
    const markdown = await load(".. _leave-rules:\n\nLeave rules\n-----------\n\nSee :ref:`leave-rules` and :ref:`parental_leave`.\n");
    expect(markdown).toContain("See Leave rules and parental leave.");
  });

  it("keeps the text of directives it does not know, with a domain directive's signature", async () => {
    expect(await load(".. function:: book_trip(city, nights)\n\n   Books a hotel for the trip.\n")).toBe(
      "**`book_trip(city, nights)`**: Books a hotel for the trip.",
    );
    expect(await load(".. impl-detail::\n\n   Only CPython does this.\n")).toBe("Only CPython does this.");
  });

  it("reads a paragraph starting like a Markdown list or heading as the text it is", async () => {
    const markdown = await load("The options are\n- to wait, or\n# to leave.\n");
    expect(markdown.split("\n")).toHaveLength(3);
    expect(markdown).not.toMatch(/^[-#] /m);
  });

  it("drops a lone '::' and the space before ' ::', keeping the literal block", async () => {
    expect(await load("Example ::\n\n   make test\n")).toBe("Example\n\n```\nmake test\n```");
    expect(await load("::\n\n   make test\n")).toBe("```\nmake test\n```");
  });

  it("reads a transition as nothing and an adornment line too short for its text as text", async () => {
    expect(await load("Before.\n\n----------\n\nAfter.\n")).toBe("Before.\n\nAfter.");
    expect(await load("A sentence that is long\n==\n")).not.toMatch(/^#/m);
  });

  it("keeps a grid table cell spanning columns whole, and reads a border under only some cells as none", async () => {
    const grid = [
      "+-------+-------+-------+",
      "| A     | B     | C     |",
      "+=======+=======+=======+",
      "| spanning text | c1    |",
      "+-------+-------+-------+",
      "| r1    | b2    | c2    |",
      "+-------+       +-------+",
      "| r2    | b3    | c3    |",
      "+-------+-------+-------+",
    ].join("\n");
    expect(await load(grid)).toBe("| A | B | C |\n| --- | --- | --- |\n| spanning text |  | c1 |\n| r1 | b2 | c2 |\n| r2 | b3 | c3 |");
  });

  it("keeps the text under Sphinx's auto* directives, and reads code directives as code", async () => {
    expect(await load(".. autoclass:: Spam\n\n   Spam is canned meat.\n")).toBe("Spam is canned meat.");
    expect(await load(".. testcode::\n\n   def add(a, b):\n       return a + b\n")).toBe("```\ndef add(a, b):\n    return a + b\n```");
  });

  it("reads text right under a directive without arguments as its content, and Sphinx 7.3's version notes", async () => {
    expect(await load(".. impl-detail::\n   Only CPython does this, see :func:`spam`.\n")).toBe("Only CPython does this, see `spam`.");
    expect(await load(".. version-added:: 8.1\n   The *spam* parameter.\n")).toBe("Added in version 8.1: The *spam* parameter.");
  });

  it("leaves out a container's class or condition", async () => {
    expect(await load(".. only:: html\n\n   Shown on the web.\n\n.. container:: question\n\n   Why?\n")).toBe("Shown on the web.\n\nWhy?");
  });

  it("keeps text that looks like tags or templates, and a literal role's angle brackets", async () => {
    expect(await load("Use <value> as the placeholder and {{ name }} in templates.\n")).toBe("Use <value> as the placeholder and {{ name }} in templates.");
    expect(await load("Run :samp:`git checkout <branch>`.\n")).toBe("Run `git checkout <branch>`.");
  });

  it("reads a bar between words as text, not as a substitution", async () => {
    expect(await load("Combine them as RED|GREEN|BLUE.\n")).toBe("Combine them as RED|GREEN|BLUE.");
  });

  it("lets an empty comment comment out nothing, and drops a comment after a unicode substitution and anonymous targets", async () => {
    expect(await load("Before.\n\n..\n\n   A quote.\n")).toBe("Before.\n\nA quote.");
    expect(await load(".. |copy| unicode:: 0xA9 .. copyright sign\n\n|copy| Example Corp\n")).toBe("© Example Corp");
    expect(await load("See `the docs`__.\n\n__ https://example.com/docs\n")).toBe("See the docs.");
  });

  it("reads a paragraph starting with a number and a stop as a paragraph, keeping Markdown from reading a list", async () => {
    expect(await load("2024. It was a year\nof change.\n")).toBe("2024\\. It was a year\nof change.");
    expect(await load("| # Not a heading\n| 1. Not a list\n")).toBe("\\# Not a heading\n1\\. Not a list");
  });

  it("reads nesting deeper than any page as text instead of exhausting the stack", async () => {
    await expect(load(`${"- ".repeat(5000)}x\n`)).resolves.toContain("x");
    await expect(load(`${".. note:: ".repeat(5000)}x\n`)).resolves.toEqual(expect.any(String));
  });

  it("never fails on malformed markup: unclosed literals and roles, stray markers, a directive with no content", async () => {
    const malformed = [":ref:`unclosed", "``also unclosed", "* ", "1.", ".. note::", "+---+", "| a |", "=== ===", ".. [1]", "`x <y>`__", "::"].join("\n\n");
    await expect(load(malformed)).resolves.toEqual(expect.any(String));
  });
});
