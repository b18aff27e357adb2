import { describe, expect, it } from "vitest";
import { splitDocument } from "../../src/ingest/split-document.ts";
import { tableCells } from "../../src/shared/markdown-table.ts";

const long = (word: string, n: number) => Array.from({ length: n }, (_, i) => `${word} sentence number ${i} explains a detail.`).join(" ");

describe("splitDocument", () => {
  it("gives every passage the path of headings above it", async () => {
    const markdown = `# Leave\n\nIntro to leave. ${long("intro", 10)}\n\n## Parental leave\n\n${long("parental", 12)}\n\n### Eligibility\n\n${long("eligible", 12)}\n\n## Sick leave\n\n${long("sick", 12)}`;
    const passages = await splitDocument(markdown, { chunkSize: 600, minChunkSize: 100 });
    const headings = passages.map((p) => p.heading);
    expect(headings).toContain("Leave › Parental leave");
    expect(headings).toContain("Leave › Parental leave › Eligibility");
    expect(headings).toContain("Leave › Sick leave");
    expect(passages.find((p) => p.heading === "Leave › Sick leave")?.text).toMatch(/sick sentence/);
  });

  it("reads a heading's escaped punctuation as the punctuation, and its emphasis as text", async () => {
    const passages = await splitDocument(`## Fiscal year planning \\(Q3\\) for **all** staff\n\n${long("plan", 4)}`);
    expect(passages[0]!.heading).toBe("Fiscal year planning (Q3) for all staff");
  });

  it("merges a heading with a tiny section into its neighbour instead of leaving it alone", async () => {
    const markdown = `## Travel\n\n## Booking\n\nBook with the travel tool.\n\n## Receipts\n\nKeep receipts over $75. ${long("receipt", 3)}`;
    const passages = await splitDocument(markdown, { chunkSize: 1200, minChunkSize: 300 });
    expect(passages).toHaveLength(1);
    expect(passages[0]!.heading).toBe("Booking");
    expect(passages[0]!.text).toContain("## Receipts");
    expect(passages.every((p) => p.text.replace(/#+ .*/g, "").trim().length > 0)).toBe(true);
  });

  it("makes no passage of a title with nothing under it before a long section, but keeps a page that is only a title", async () => {
    const passages = await splitDocument(`# On-call stipends\n\n## Purpose\n\n${long("stipend", 40)}`, { chunkSize: 600 });
    expect(passages.length).toBeGreaterThan(1);
    expect(passages.every((p) => p.heading === "On-call stipends › Purpose" && p.text.includes("stipend sentence"))).toBe(true);
    expect(await splitDocument("# How to arrange a simulation\n")).toEqual([{ heading: "How to arrange a simulation", text: "# How to arrange a simulation" }]);
  });

  it("keeps a sibling heading with nothing under it before a long section, as its words are in no other passage", async () => {
    const passages = await splitDocument(`# Benefits\n\n## Dental plan: see the Delta portal\n\n## Parental leave\n\n${long("leave", 40)}`, { chunkSize: 600 });
    expect(passages.some((p) => p.text.includes("Delta portal"))).toBe(true);
  });

  it("splits a section longer than the chunk size, keeping its heading on every piece", async () => {
    const markdown = `## Per diem\n\n${long("meal", 80)}`;
    const passages = await splitDocument(markdown, { chunkSize: 500, chunkOverlap: 50 });
    expect(passages.length).toBeGreaterThan(3);
    expect(passages.every((p) => p.heading === "Per diem" && p.text.length <= 500)).toBe(true);
  });

  it("reads headings underlined with === or --- as headings, but not a rule under a paragraph", async () => {
    const text = `Leave policy\n============\n\n${long("intro", 8)}\n\nSick leave\n----------\n\n${long("sick", 8)}\nThe last line of a paragraph\n---\n\n${long("after", 2)}`;
    const passages = await splitDocument(text, { chunkSize: 600, minChunkSize: 100 });
    expect(passages.map((p) => p.heading)).toEqual(["Leave policy", "Leave policy › Sick leave"]);
    expect(passages[1]!.text).toMatch(/^## Sick leave\n/);
    expect(passages[1]!.text).toContain("The last line of a paragraph\n---");
  });

  it("cuts a long section between sentences, also when its lines are hard-wrapped, so no passage starts or ends mid-sentence", async () => {
    const prose = Array.from({ length: 30 }, (_, i) => `Rule ${i} says that an employee who travels for work books the trip in the travel tool.`).join(" ");
    const wrapped = prose.replace(/(.{1,70})(\s|$)/g, "$1\n").trim();
    const passages = await splitDocument(`## Travel\n\n${wrapped}`, { chunkSize: 500, chunkOverlap: 100 });
    expect(passages.length).toBeGreaterThan(4);
    for (const passage of passages) {
      expect(passage.text.length).toBeLessThanOrEqual(500);
      expect(passage.text.replace(/^## Travel\n\n/, "")).toMatch(/^Rule \d+ says[\s\S]*tool\.$/);
    }
    // Consecutive passages share a whole sentence, so a rule cut at a passage's end is whole in the next.
    const lastRule = (text: string) => /Rule (\d+) says[^R]*$/.exec(text)![1];
    expect(passages[1]!.text).toMatch(new RegExp(`^Rule ${lastRule(passages[0]!.text)} says`));
  });

  it("cuts a long list between its items, keeping an item's wrapped lines together", async () => {
    const items = Array.from({ length: 20 }, (_, i) => `- Item ${i} explains what to bring on the first day\n  and whom to ask about it.`).join("\n");
    const passages = await splitDocument(`## Checklist\n\n${items}`, { chunkSize: 400, chunkOverlap: 0 });
    expect(passages.length).toBeGreaterThan(3);
    for (const passage of passages) expect(passage.text.replace(/^## Checklist\n\n/, "")).toMatch(/^- Item \d+[\s\S]*about it\.$/);
  });

  it("keeps a long list a list when its items wrap over more lines than they start, never running one item into the next", async () => {
    const items = Array.from(
      { length: 12 },
      (_, i) =>
        `* **${400 + i} - Account ${i}**: This should be used for costs of kind ${i}\n  bought for staff, including meals as long as they are\n  consumed in the course of working. Ask finance first.`,
    ).join("\n");
    const passages = await splitDocument(`## Expense codes\n\n${items}`, { chunkSize: 500, chunkOverlap: 0 });
    expect(passages.length).toBeGreaterThan(2);
    for (const passage of passages) {
      expect(passage.text.replace(/^## Expense codes\n\n/, "")).toMatch(/^\* \*\*4\d\d - Account[\s\S]*Ask finance first\.$/);
      expect(passage.text).not.toMatch(/first\. \* /);
    }
  });

  it("opens every passage that a long table continues in with the table's header row", async () => {
    const rows = Array.from({ length: 60 }, (_, i) => `| City ${i} | $${50 + i} | $${150 + i} |`);
    const markdown = ["# Rates", "", "Meals and lodging by city:", "| City | Meals per day | Lodging |", "| --- | --- | --- |", ...rows].join("\n");
    const passages = await splitDocument(markdown);
    expect(passages.length).toBeGreaterThan(1);
    for (const passage of passages.slice(1)) expect(passage.text).toMatch(/^\| City \| Meals per day \| Lodging \|\n\| --- \| --- \| --- \|\n\| City \d+ \|/);
    for (const passage of passages) expect(passage.text.length).toBeLessThanOrEqual(1200);
    // Every row is in some passage, the header is no passage of its own.
    for (const row of rows) expect(passages.some((passage) => passage.text.includes(row))).toBe(true);
  });

  it("cuts a table row longer than a passage between its cells, each piece a row under the same header with its label", async () => {
    const cell = (level: number) => `Level ${level} ${long("cell", 6)}`;
    const header = "| Category | L1 | L2 | L3 | L4 | L5 |";
    const row = `| *Trust* | ${[1, 2, 3, 4, 5].map(cell).join(" | ")} |`;
    expect(row.length).toBeGreaterThan(1200);
    const passages = await splitDocument(["# Ladder", "", header, "| --- | --- | --- | --- | --- | --- |", row].join("\n"));
    expect(passages.length).toBeGreaterThan(1);
    const pieces: string[][] = [];
    for (const passage of passages) {
      expect(passage.text.length).toBeLessThanOrEqual(1200);
      const lines = passage.text.split("\n").filter((line) => line.startsWith("|"));
      expect(lines.slice(0, 2)).toEqual([header, "| --- | --- | --- | --- | --- | --- |"]);
      pieces.push(...lines.slice(2).map(tableCells));
    }
    // Every piece has the row's label and six cells, and each level's text sits in its own column.
    for (const cells of pieces) expect(cells).toHaveLength(6);
    for (const cells of pieces) expect(cells[0]).toBe("*Trust*");
    for (const level of [1, 2, 3, 4, 5]) expect(pieces.some((cells) => cells[level] === cell(level))).toBe(true);
  });

  it("keeps an escaped pipe inside its cell when it cuts a long row", async () => {
    const row = `| Pipes | ${long("left", 20)} a \\| b | ${long("right", 20)} |`;
    const passages = await splitDocument(["# Table", "", "| Name | Left | Right |", "| --- | --- | --- |", row].join("\n"));
    const rows = passages.flatMap((passage) => passage.text.split("\n").filter((line) => line.startsWith("| Pipes")));
    expect(rows.length).toBeGreaterThan(1);
    for (const line of rows) expect(tableCells(line)).toHaveLength(3);
    expect(rows.some((line) => line.includes("a \\| b"))).toBe(true);
  });

  it("opens a passage with the whole header, never with its separator, when the overlap reaches back into it", async () => {
    const header = "| City where the meeting takes place | Meals per day, taxes and tips included | Lodging per night |";
    const lead = Array.from({ length: 43 }, () => "Intro sentence number.").join(" ");
    const rows = Array.from({ length: 30 }, (_, i) => `| City ${i} | $${50 + i} | $${150 + i} |`);
    const passages = await splitDocument(["# Rates", "", lead, header, "| --- | --- | --- |", ...rows].join("\n"));
    const withRows = passages.filter((passage) => /\| City \d+ \|/.test(passage.text));
    expect(withRows.length).toBeGreaterThan(1);
    for (const passage of withRows) {
      expect(passage.text).not.toMatch(/^\| ---/);
      expect(passage.text.split(header).length - 1).toBe(1);
    }
  });

  it("still cuts a single sentence longer than a passage", async () => {
    const sentence = `${Array.from({ length: 200 }, (_, i) => `word${i}`).join(" ")}.`;
    const passages = await splitDocument(`## Long\n\n${sentence}`, { chunkSize: 300, chunkOverlap: 0 });
    expect(passages.length).toBeGreaterThan(3);
    expect(passages[0]!.text).toMatch(/^## Long\n\nword0 word1/);
    // A tiny last piece joins the one before it rather than standing alone (up to a quarter over).
    expect(passages.every((passage) => passage.text.length <= 300 * 1.25)).toBe(true);
  });

  it("keeps a code block with blank lines whole, and cuts one longer than a passage between its lines, each piece fenced", async () => {
    const code = Array.from({ length: 40 }, (_, i) => (i % 5 === 4 ? "" : `    value_${i} = compute(${i})  # step ${i}`)).join("\n");
    const markdown = `# Reports\n\nRun the script below to build the report:\n\n\`\`\`python\n${code}\n\`\`\`\n\n${long("after", 8)}`;
    const passages = await splitDocument(markdown, { chunkSize: 600, chunkOverlap: 100, minChunkSize: 100 });
    const withCode = passages.filter((passage) => passage.text.includes("compute("));
    expect(withCode.length).toBeGreaterThan(1);
    for (const passage of withCode) {
      const fences = passage.text.split("\n").filter((line) => line.startsWith("```"));
      expect(fences.length % 2, passage.text).toBe(0);
      expect(
        passage.text.split("\n").find((line) => line.includes("compute(")),
        passage.text,
      ).toBeDefined();
      // Every line of code stands between an opening and a closing fence.
      let inCode = false;
      for (const line of passage.text.split("\n")) {
        if (line.startsWith("```")) inCode = !inCode;
        else if (line.includes("compute(")) expect(inCode, line).toBe(true);
      }
    }
    const shown = withCode.flatMap((passage) => passage.text.split("\n").filter((line) => line.includes("compute(")));
    for (let i = 0; i < 40; i++)
      if (i % 5 !== 4)
        expect(
          shown.some((line) => line.includes(`value_${i} =`)),
          `line ${i}`,
        ).toBe(true);
  });

  it("ignores # lines inside code fences", async () => {
    const markdown = "## Setup\n\n```bash\n# not a heading\necho hi\n```\n\nMore setup text that follows the code block.";
    const passages = await splitDocument(markdown);
    expect(passages.map((p) => p.heading)).toEqual(["Setup"]);
  });

  it("returns nothing for an empty document", async () => {
    expect(await splitDocument("\n\n  \n")).toEqual([]);
  });
});
