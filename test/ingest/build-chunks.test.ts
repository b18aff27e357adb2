import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { buildChunks } from "../../src/ingest/build-chunks.ts";
import { loadPdf } from "../../src/ingest/loaders/load-pdf.ts";

/** The policy PDF as a folder sync hands it to buildChunks: the loader's title and Markdown. */
async function policyDocument() {
  const loaded = await loadPdf(await readFile(new URL("../fixtures/loaders/remote-work-policy.pdf", import.meta.url)), "remote-work-policy.pdf");
  return {
    docId: "policies/remote-work-policy.pdf",
    source: "hr",
    collection: "hr",
    title: loaded.title ?? "remote-work-policy",
    url: null,
    keywords: loaded.keywords,
    markdown: loaded.markdown,
    contentHash: "fixture",
    updatedAt: 0,
  };
}

describe("buildChunks", () => {
  it("drops marks no reader sees (a soft hyphen, a zero-width space), so a word holding one is searched whole", async () => {
    const document = { ...(await policyDocument()), markdown: "# Leave\n\nAsk for Eltern\u00adzeit at least seven\u200b weeks ahead." };
    const [row] = await buildChunks(document);
    expect(row?.text).toContain("Ask for Elternzeit at least seven weeks ahead.");
  });

  it("indexes a page of headings alone as a document with no passage to find", async () => {
    const rows = await buildChunks({ ...(await policyDocument()), docId: "finance/treasury.md", title: "Treasury", markdown: "# Treasury\n\n## Banking\n" });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ docId: "finance/treasury.md", chunkIndex: -1, text: "", searchText: "" });
  });
});

describe("buildChunks of a PDF", () => {
  it("gives a passage of a laid-out PDF the path of its section headings, the title left out", async () => {
    const rows = await buildChunks(await policyDocument());
    const chair = rows.find((row) => row.text.includes("desk chair"));
    expect(chair?.heading).toBe("3. Equipment");
    expect(chair?.title).toBe("Remote Work Policy");
    expect(chair?.searchText).toContain("Remote Work Policy\n3. Equipment\n");
  });

  it("gives each section its full path when sections stand alone", async () => {
    const rows = await buildChunks(await policyDocument(), { chunkSize: 1200, minChunkSize: 0 });
    const headingOf = (words: string) => rows.find((row) => row.text.includes(words))?.heading;
    expect(headingOf("privacy screen")).toBe("4. Security › 4.1 Working from public places");
    expect(headingOf("quiet place to work")).toBe("2. Eligibility › 2.1 Who may apply");
    expect(headingOf("return all equipment")).toBe("3. Equipment › Returning equipment");
  });

  it("keeps running headers, footers and page numbers out of every passage", async () => {
    const rows = await buildChunks(await policyDocument());
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) expect(row.searchText).not.toMatch(/Acme Corp \||Internal|Page \d of 3/);
  });
});

describe("buildChunks of a page with keywords", () => {
  it("matches the page's keywords through its first passage only, so each later passage is found by its own words", async () => {
    const sections = ["Annual leave", "Sick leave", "Court leave"].map((name) => `## ${name}\n\n${`${name} is described here in full. `.repeat(60)}`);
    const rows = await buildChunks(
      {
        docId: "leave.md",
        source: "hb",
        collection: "hb",
        title: "Leave types",
        url: null,
        keywords: "parental maternity jury duty",
        markdown: sections.join("\n\n"),
        contentHash: "h",
        updatedAt: 0,
      },
      { chunkSize: 1200, minChunkSize: 0 },
    );
    expect(rows.length).toBeGreaterThan(2);
    expect(rows[0]!.searchText).toContain("parental maternity jury duty");
    for (const row of rows.slice(1)) {
      expect(row.searchText).not.toContain("parental");
      expect(row.searchText).toMatch(/^Leave types\n/);
    }
  });
});

describe("buildChunks of a GitBook page", () => {
  it("leaves the title out of the heading path however often the page repeats it, and shows headings without escapes", async () => {
    const body = Array.from({ length: 12 }, (_, i) => `Planning step ${i} is reviewed with the leadership team.`).join(" ");
    const rows = await buildChunks({
      docId: "operations/mlt-cadence/README.md",
      source: "handbook",
      collection: "handbook",
      title: "Leadership Team (MLT)",
      url: null,
      keywords: "",
      markdown: `# Leadership Team \\(MLT\\)\n\n## Leadership Team \\(MLT\\)\n\n### Fiscal Year Planning \\(1%\\)\n\n${body}`,
      contentHash: "fixture",
      updatedAt: 0,
    });
    expect(rows.map((row) => row.heading)).toEqual(["Fiscal Year Planning (1%)"]);
  });
});
