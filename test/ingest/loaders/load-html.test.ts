import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { loadHtml } from "../../../src/ingest/loaders/load-html.ts";

const fixture = (name: string) => readFile(new URL(`../../fixtures/loaders/${name}`, import.meta.url));
const load = (html: string) => loadHtml(Buffer.from(html), "page.html");

describe("loadHtml", () => {
  it("loads an intranet page: only its <main>, with its own title, canonical URL and keywords from the head", async () => {
    expect(await loadHtml(await fixture("intranet-page.html"), "intranet-page.html")).toEqual({
      title: "Expenses policy",
      url: "https://intranet.example.com/finance/expenses",
      keywords: "expenses, receipts What you can claim and how.",
      markdown: [
        "# Expenses policy",
        "",
        "Claim travel costs within **30 days** through the expenses tool.",
        "",
        "## What you can claim",
        "",
        "- Train tickets in standard class",
        "- Meals up to 40 euros a day",
        "",
        "```",
        "Cost centre: FIN-042",
        "```",
      ].join("\n"),
    });
  });

  it("uses the page's articles when it has no <main>", async () => {
    const loaded = await load("<body><div class=menu>Menu</div><article><h2>First</h2></article><p>Sidebar</p><article><h2>Second</h2></article></body>");
    expect(loaded.markdown).toBe("## First\n\n## Second");
  });

  it("uses the whole body, minus navigation, when there is neither <main> nor <article>", async () => {
    const loaded = await load("<html><head><title>Hours</title></head><body><nav>Home</nav><h1>Office hours</h1><p>9 to 5.</p></body></html>");
    expect(loaded.markdown).toBe("# Office hours\n\n9 to 5.");
  });

  it("titles a page by its own heading, not the site's name its <title> adds, which would match every question naming the company", async () => {
    const page = (head: string, body: string) => load(`<html><head>${head}</head><body>${body}</body></html>`);
    const banner = "<header><h1>Acme Intranet</h1></header>";
    expect((await page("<title>Parental leave | Acme Intranet</title>", `${banner}<main><h1>Parental leave</h1><p>16 weeks.</p></main>`)).title).toBe(
      "Parental leave",
    );
    // The Open Graph title is the page's own by definition.
    expect((await page('<title>Leave | Acme</title><meta property="og:title" content="Parental leave">', "<main><p>x</p></main>")).title).toBe(
      "Parental leave",
    );
    // Without a heading of its own that the <title> repeats, the <title> stands: the site logo's <h1> is not the page's.
    expect((await page("<title>Parental leave | Acme Intranet</title>", `${banner}<main><p>16 weeks.</p></main>`)).title).toBe(
      "Parental leave | Acme Intranet",
    );
    expect((await page("<title>Leave</title>", "<main><h1>Parental leave</h1></main>")).title).toBe("Leave");
    // Without a <main>, a banner's <h1> is the first one: it names the site, which the <title> ends with.
    expect((await page("<title>Parental leave | Acme Intranet</title>", `${banner}<h1>Parental leave</h1><p>16 weeks.</p>`)).title).toBe(
      "Parental leave | Acme Intranet",
    );
  });

  it("has a null title, URL and empty keywords when the head declares none", async () => {
    expect(await load("<p>Hello</p>")).toEqual({ title: null, url: null, markdown: "Hello", keywords: "" });
  });

  it("ignores a relative canonical link", async () => {
    expect((await load('<link rel="canonical" href="/finance/expenses"><p>x</p>')).url).toBeNull();
  });

  it("reads a page in the legacy encoding it declares", async () => {
    const bytes = Buffer.concat([Buffer.from('<meta charset="windows-1252"><title>Caf'), Buffer.from([0xe9]), Buffer.from("</title>")]);
    expect((await loadHtml(bytes, "old.htm")).title).toBe("Café");
    // Windows-1252's own characters, where ISO-8859-1 has control codes: quotes, dashes, the euro sign.
    const quoted = Buffer.concat([
      Buffer.from('<meta charset="iso-8859-1"><p>It'),
      Buffer.from([0x92]),
      Buffer.from("s "),
      Buffer.from([0x93, 0x80, 0x35, 0x94, 0x20, 0x96, 0x20, 0x99]),
      Buffer.from("</p>"),
    ]);
    expect((await loadHtml(quoted, "old.htm")).markdown).toBe("It’s “€5” – ™");
  });

  it("returns empty Markdown for an empty page", async () => {
    expect((await load("")).markdown).toBe("");
  });
});
