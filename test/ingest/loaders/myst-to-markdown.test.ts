import { describe, expect, it } from "vitest";
import { loadMarkdown } from "../../../src/ingest/loaders/load-markdown.ts";

const read = async (markdown: string, fileName = "page.md") => (await loadMarkdown(Buffer.from(markdown), fileName)).markdown;

describe("a MyST page (Jupyter Book, Sphinx's myst-parser)", () => {
  it("reads a call-out as its text, fenced in backticks or colons, with its title and without its options", async () => {
    const page = [
      "# Expenses",
      "",
      "```{note}",
      "Receipts must be submitted within 30 days of purchase.",
      "```",
      "",
      ":::{warning}",
      "Do not pay for flights with a personal card.",
      ":::",
      "",
      "```{admonition} Meal limits",
      ":class: tip",
      "Meals are reimbursed up to 40 euros per day.",
      "```",
    ].join("\n");
    expect(await read(page)).toBe(
      [
        "# Expenses",
        "",
        "Receipts must be submitted within 30 days of purchase.",
        "",
        "Do not pay for flights with a personal card.",
        "",
        "**Meal limits**: Meals are reimbursed up to 40 euros per day.",
      ].join("\n"),
    );
  });

  it("reads nested directives, tabs and dropdowns under their titles, and a call-out's text on its marker line", async () => {
    const page = [
      "````{tab-set}",
      "```{tab-item} macOS",
      "Install the VPN client from Self Service.",
      "```",
      "```{tab-item} Windows",
      "Install it from the Company Portal.",
      "```",
      "````",
      "",
      "```{dropdown} Lost your laptop?",
      "Tell IT within the hour.",
      "```",
      "",
      "```{tip} Ask in #help-it first.",
      "```",
    ].join("\n");
    expect(await read(page)).toBe(
      [
        "**macOS**: Install the VPN client from Self Service.",
        "",
        "**Windows**: Install it from the Company Portal.",
        "",
        "**Lost your laptop?** Tell IT within the hour.",
        "",
        "Ask in #help-it first.",
      ].join("\n"),
    );
  });

  it("reads roles as the text they show, a reference to a section of the page as its heading", async () => {
    const page = [
      "(travel-rules)=",
      "## Booking travel",
      "",
      "Book through the portal; see {ref}`travel-rules`, {ref}`the leave policy <leave>`, {doc}`../people/onboarding` and the {term}`per diem`.",
      "",
      "% Comments are for the writers.",
      "+++",
      "Press {kbd}`Ctrl+S` to save.",
    ].join("\n");
    expect(await read(page)).toBe(
      [
        "## Booking travel",
        "",
        "Book through the portal; see Booking travel, the leave policy, onboarding and the per diem.",
        "",
        "Press `Ctrl+S` to save.",
      ].join("\n"),
    );
  });

  it("reads a link with no text as the title of what it points to, and a glossary's terms run into their definitions", async () => {
    const page = [
      "(support-budget)=",
      "## Support budget",
      "",
      "Change requests draw on the [](#support-budget); incidents are in [](#incidents:response) and [](funding.md).",
      "",
      "```{glossary}",
      "Incident",
      ": An event that degrades the service.",
      "",
      "Change request",
      ": A request for a change.",
      ": Never urgent.",
      "```",
    ].join("\n");
    expect(await read(page)).toBe(
      [
        "## Support budget",
        "",
        "Change requests draw on the Support budget; incidents are in response and funding.",
        "",
        "**Incident**: An event that degrades the service.",
        "",
        "**Change request**: A request for a change.",
        "",
        "Never urgent.",
      ].join("\n"),
    );
  });

  it("keeps code as code, drops what the page does not show, and reads tables written as reStructuredText writes them", async () => {
    const page = [
      "```{code-cell} python",
      ":tags: [hide-input]",
      "print('hello')",
      "```",
      "",
      "```{meta}",
      ":keywords: reports",
      "```",
      "",
      "```{toctree}",
      ":maxdepth: 2",
      "intro",
      "```",
      "",
      "```{figure} ../images/office.png",
      ":alt: The office",
      "",
      "The office is on the third floor.",
      "```",
      "",
      "```{list-table} Allowances",
      ":header-rows: 1",
      "",
      "* - Item",
      "  - Limit",
      "* - Monitor",
      "  - 300 euros",
      "```",
    ].join("\n");
    expect(await read(page)).toBe(
      [
        "```python",
        "print('hello')",
        "```",
        "",
        "The office is on the third floor.",
        "",
        "**Allowances**",
        "",
        "| Item | Limit |",
        "| --- | --- |",
        "| Monitor | 300 euros |",
      ].join("\n"),
    );
  });

  it("leaves what is not MyST as it was: R Markdown's and Quarto's code chunks, and the syntax shown in a code example", async () => {
    expect(await read(":::{.callout-tip}\n## Pro tip\nCommit early.\n:::", "guide.qmd")).toBe("**Pro tip**: Commit early.");
    const chunk = "```{r}\nsummary(cars)\n```";
    expect(await read(chunk, "report.Rmd")).toBe(chunk);
    const example = ["Write a note like this:", "", "````markdown", "```{note}", "Text", "```", "````"].join("\n");
    expect(await read(example)).toBe(example);
    expect(await read("% of staff who answered: 80\n\n100% agree.")).toBe("% of staff who answered: 80\n\n100% agree.");
    const inlineCode = "(contexts)=\n## Contexts\n\nRun `kubectl config use-context {context}` to select one; see {ref}`contexts`.";
    expect(await read(inlineCode)).toBe("## Contexts\n\nRun `kubectl config use-context {context}` to select one; see Contexts.");
  });
});
