import { execFile } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPdf } from "../fixtures/loaders/make-fixtures.ts";
import { CORPUS_18F, QUESTIONS_18F, tempDir } from "../helpers/corpus.ts";
import { LETTER_SOUP } from "../helpers/letter-soup.ts";
import { docentInProcess as docent } from "../helpers/docent-in-process.ts";

const run = promisify(execFile);
const BIN = resolve(import.meta.dirname, "../../bin/docent.js");

describe("the docent command", () => {
  let dir: { path: string; remove: () => Promise<void> };
  let db: string;
  beforeAll(async () => {
    dir = await tempDir();
    db = join(dir.path, "db");
    firstIngest = await docent(["ingest", CORPUS_18F, "--include", "pages/**", "--base-url", "https://handbook.example.gov/", "--db", db], dir.path);
    expect(firstIngest.code).toBe(0);
  });
  afterAll(() => dir.remove());
  let firstIngest: { code: number; stdout: string; stderr: string };

  it("summarizes an ingest, then says an unchanged re-run does nothing", async () => {
    const again = await docent(["ingest", CORPUS_18F, "--include", "pages/**", "--base-url", "https://handbook.example.gov/", "--db", db], dir.path);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/all 246 documents unchanged, nothing to do/);
  });

  it("mentions the local embedding model once, when an index is first built without one", async () => {
    expect(firstIngest.stderr).toMatch(/tip: DOCENT_EMBEDDING_MODEL=local .*docent ingest --full/s);
    const again = await docent(["ingest", CORPUS_18F, "--include", "pages/**", "--base-url", "https://handbook.example.gov/", "--db", db], dir.path);
    expect(again.stderr).not.toContain("tip:");
  });

  it("prints search results in the documented JSON shape", async () => {
    const { code, stdout } = await docent(["search", "paid parental leave", "--k", "3", "--db", db, "--json"], dir.path);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(Object.keys(json)).toEqual(["query", "results"]);
    expect(json.query).toBe("paid parental leave");
    expect(json.results).toHaveLength(3);
    for (const result of json.results) {
      expect(Object.keys(result).sort()).toEqual(["docId", "heading", "rank", "score", "text", "title", "url"]);
      expect(result.url).toBe(`https://handbook.example.gov/${result.docId}`);
    }
    expect(json.results[0].docId).toBe("pages/travel-and-leave/paid-parental-leave.md");
  });

  it("shows each result on a terminal as the answer would quote it, a table's cells named by its header", async () => {
    const kb = join(dir.path, "ladder");
    await mkdir(kb, { recursive: true });
    await writeFile(
      join(kb, "ladder.md"),
      [
        "# Titles for Ops",
        "",
        "| Category | SRE (L2) | Lead SRE (L4) |",
        "| --- | --- | --- |",
        "| *Leadership* | Works well with the team. | Capable of managing 2-3 SREs. |",
      ].join("\n"),
    );
    const ladderDb = join(dir.path, "ladder-db");
    expect((await docent(["ingest", kb, "--db", ladderDb], dir.path)).code).toBe(0);
    const { code, stdout } = await docent(["search", "lead SRE managing", "--db", ladderDb], dir.path);
    expect(code).toBe(0);
    expect(stdout).toContain("Leadership, Lead SRE (L4): Capable of managing 2-3 SREs.");
    expect(stdout).not.toMatch(/\| ---|\| Category/);
  });

  it("answers with citations in the documented JSON shape", async () => {
    const { code, stdout } = await docent(["ask", "which receipts do I have to keep on a work trip?", "--db", db, "--json"], dir.path);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(Object.keys(json).sort()).toEqual(["answer", "citations", "grounded", "mode", "question"]);
    expect(json.mode).toBe("extractive");
    expect(json.answer).toMatch(/\[1\]/);
    expect(Object.keys(json.citations[0]).sort()).toEqual(["docId", "n", "snippet", "title", "url"]);
  });

  it("evaluates retrieval, and with --answers the whole pipeline, in the documented JSON shape", async () => {
    const { code, stdout } = await docent(["eval", QUESTIONS_18F, "--db", db, "--json", "--answers"], dir.path);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({ questions: 50, k: 5, retrieval: "full-text", unanswerable: { questions: 0, declined: 0 } });
    for (const key of ["hitAtK", "recallAtK", "mrr", "ndcgAtK"]) expect(json[key]).toBeGreaterThan(0.6);
    expect(json.answerInTopK).toEqual(expect.any(Number));
    expect(Object.keys(json.perQuestion[0]).sort()).toEqual(["answerInTopK", "docIds", "hit", "id", "rank"]);
    expect(json.answers).toMatchObject({
      answerable: 50,
      wronglyDeclined: expect.any(Number),
      citationPrecision: expect.any(Number),
      firstCitationRelevant: expect.any(Number),
      holdsAnswer: expect.any(Number),
      grounded: expect.any(Number),
    });
    expect(json.answers.perQuestion).toHaveLength(50);
  }, 120_000); // Fifty answers, each quote chosen with the local model: a while on a busy two-core machine.

  it("prints the eval report as a table on a terminal", async () => {
    const { code, stdout } = await docent(["eval", QUESTIONS_18F, "--db", db, "--answers"], dir.path);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^retrieval\s+full-text$/m);
    expect(stdout).toMatch(/^hit@5\s+0\.\d{3}$/m);
    expect(stdout).toMatch(/^first cite relevant\s+0\.\d{3}$/m);
    expect(stdout).toMatch(/^wrongly declined\s+\d+ of 50$/m);
    // Below the figures, the questions to read first, by what went wrong.
    expect(stdout).toMatch(/^to review$/m);
    const lacking = /^answer lacks the quote\s+(.+)$/m.exec(stdout)?.[1] ?? "";
    expect(lacking).toMatch(/^18f-\d{3}(, 18f-\d{3})* and \d+ more$/);
  }, 120_000);

  it("reports feedback as JSON, empty at first", async () => {
    const { code, stdout } = await docent(["feedback", "--db", db, "--json"], dir.path);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ total: 0, positive: 0, negative: 0, items: [] });
  });

  it("exits 2 with one clear line on bad usage", async () => {
    for (const args of [["ingest", join(dir.path, "missing")], ["search"], ["search", "x", "--k", "zero"], ["frobnicate"], ["search", "x", "--bogus"]]) {
      const { code, stderr } = await docent([...args, "--db", db], dir.path);
      expect(code, args.join(" ")).toBe(2);
      expect(stderr.trim().split("\n"), args.join(" ")).toHaveLength(1);
    }
    const missing = await docent(["ingest", join(dir.path, "missing")], dir.path);
    expect(missing.stderr).toBe(`docent ingest: ${join(dir.path, "missing")} does not exist\n`);
  });

  it("exits 2 listing every configuration problem", async () => {
    const { code, stderr } = await docent(["search", "x"], dir.path, { SLACK_BOT_TOKEN: "xoxb-1", PORT: "abc" });
    expect(code).toBe(2);
    expect(stderr).toMatch(/SLACK_SIGNING_SECRET is missing/);
    expect(stderr).toMatch(/PORT must be a number/);
  });

  it("says so when the corpus is empty", async () => {
    const empty = join(dir.path, "empty");
    await mkdir(empty);
    const { code, stdout } = await docent(["ingest", empty, "--db", join(dir.path, "db-empty")], dir.path);
    expect(code).toBe(0);
    expect(stdout).toMatch(/no documents found/);
  });

  it("runs as a real process: --help exits 0, a search without an index exits 1", async () => {
    const help = await run("node", [BIN, "search", "--help"], { cwd: dir.path });
    expect(help.stdout).toMatch(/Usage: docent search/);
    const failure = await run("node", [BIN, "search", "leave", "--db", join(dir.path, "nothing-here")], { cwd: dir.path }).catch((error) => error);
    expect(failure.code).toBe(1);
    expect(failure.stderr).toMatch(/no index at .*run `docent ingest` first/);
  });

  it("warns about a broken file by name while indexing the rest", async () => {
    const docs = join(dir.path, "docs");
    await mkdir(docs);
    await writeFile(join(docs, "good.md"), "# Good\n\nVacation requests go through the HR tool.\n");
    await writeFile(join(docs, "bad.md"), "---\ntitle: [oops\n---\n");
    const { code, stdout, stderr } = await docent(["ingest", docs, "--db", join(dir.path, "db-broken")], dir.path);
    expect(code).toBe(0);
    expect(stdout).toMatch(/1 added.*1 failed/);
    expect(stderr).toMatch(/warning: skipped bad\.md: .*front matter/i);
  });

  it("names a PDF with no text to search, a scan or one whose fonts have no Unicode map, and indexes the rest", async () => {
    const docs = join(dir.path, "scans");
    await mkdir(docs);
    await writeFile(join(docs, "good.md"), "# Good\n\nVacation requests go through the HR tool.\n");
    await writeFile(join(docs, "old-notes.pdf"), buildPdf({ title: "Old notes", pages: [[LETTER_SOUP]] }));
    const { code, stdout, stderr } = await docent(["ingest", docs, "--db", join(dir.path, "db-scans"), "--json"], dir.path);
    expect(code).toBe(0);
    const [summary] = JSON.parse(stdout).sources;
    expect(summary).toMatchObject({ added: 2, failed: [], unreadable: [{ docId: "old-notes.pdf", reason: expect.stringMatching(/Unicode map/) }] });
    expect(stderr).toMatch(/warning: old-notes\.pdf has no text to search: its fonts have no Unicode map.*OCR/);
    const again = await docent(["ingest", docs, "--db", join(dir.path, "db-scans-text")], dir.path);
    expect(again.stdout).toMatch(/2 added, .*1 without text to search/);
  });

  it("indexes slides, spreadsheets, CSV files, Sphinx and AsciiDoc pages, and names the documents in formats it does not read", async () => {
    const docs = join(dir.path, "office");
    await mkdir(docs);
    const fixture = (name: string) => readFile(resolve(import.meta.dirname, "../fixtures/loaders", name));
    await writeFile(join(docs, "onboarding.pptx"), await fixture("onboarding.pptx"));
    await writeFile(join(docs, "travel-rates.xlsx"), await fixture("travel-rates.xlsx"));
    await writeFile(join(docs, "holidays.csv"), 'Holiday,Date\n"New Year\'s Day",2025-01-01\nCompany offsite day,2025-06-13\n');
    await writeFile(join(docs, "expenses-guide.rst"), await fixture("expenses-guide.rst"));
    await writeFile(join(docs, "security-guide.adoc"), await fixture("security-guide.adoc"));
    await writeFile(join(docs, "budget.numbers"), "PK\x03\x04 an Apple Numbers file");
    await writeFile(join(docs, "photo.png"), "not a document anyone asks about");
    const office = join(dir.path, "db-office");
    const { code, stdout, stderr } = await docent(["ingest", docs, "--db", office, "--json"], dir.path);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).sources[0]).toMatchObject({ added: 5, failed: [], notRead: ["budget.numbers"] });
    expect(stderr).toMatch(/warning: 1 document is in a format Docent does not read \(budget\.numbers\); save it as PDF, DOCX, PPTX, XLSX, HTML or Markdown/);
    expect(stderr).not.toContain("photo.png");
    const asked = await docent(["ask", "when must security training be finished?", "--db", office], dir.path);
    expect(asked.stdout).toMatch(/Security training must be finished by Friday of your first week\.[^\n]*\[1\]/);
    // The source names the slide the quote opens on.
    expect(asked.stdout).toMatch(/\[1\] New starter onboarding › Your first week\s+onboarding\.pptx/);
    const rates = await docent(["search", "lodging rate in Denver", "--db", office, "--json"], dir.path);
    expect(JSON.parse(rates.stdout).results[0]).toMatchObject({ docId: "travel-rates.xlsx", title: "travel rates", heading: "Per diem" });
    const offsite = await docent(["ask", "when is the company offsite day?", "--db", office], dir.path);
    expect(offsite.stdout).toMatch(/Company offsite day: 2025-06-13\.[^\n]*\[1\]/);
    expect(offsite.stdout).toMatch(/\[1\] holidays\s+holidays\.csv/);
    // Sphinx's list-table and csv-table read as rows naming their cells, led in by the table's title.
    const mileage = await docent(["ask", "what is the rate per mile for a bicycle?", "--db", office], dir.path);
    expect(mileage.stdout).toMatch(/Mileage: Car: 0\.67; Bicycle: 0\.20\. Approvers: up to 500: Your manager; over 500: The finance director\.[^\n]*\[1\]/);
    expect(mileage.stdout).toMatch(/\[1\] Travel and expenses › Submitting a claim › Per diem rates\s+expenses-guide\.rst/);
    const lost = await docent(["ask", "what happens to the data on a lost laptop?", "--db", office], dir.path);
    expect(lost.stdout).toMatch(/Disk encryption: Every laptop’s disk is encrypted, so a lost one exposes nothing\.[^\n]*\[1\]/);
    expect(lost.stdout).toMatch(/\[1\] Security handbook\s+security-guide\.adoc/);
  });

  it("lists the configured sources with their documents, last sync and last error", async () => {
    const project = join(dir.path, "project");
    await mkdir(join(project, "kb"), { recursive: true });
    await writeFile(join(project, "kb", "wifi.md"), "# Wi-Fi\n\nThe guest password changes every Monday.\n");
    await writeFile(
      join(project, "docent.config.json"),
      JSON.stringify({
        sources: [
          { name: "kb", path: "kb" },
          { name: "gone", path: "missing-folder", collection: "old" },
        ],
      }),
    );
    const ingest = await docent(["ingest", "--db", join(project, "db")], project);
    expect(ingest.code).toBe(2);
    expect(ingest.stderr).toMatch(/gone: .*missing-folder does not exist/);
    const { code, stdout } = await docent(["sources", "--db", join(project, "db"), "--json"], project);
    expect(code).toBe(0);
    const { sources } = JSON.parse(stdout);
    expect(sources).toEqual([
      expect.objectContaining({
        name: "kb",
        type: "folder",
        collection: "default",
        documents: 1,
        lastSync: expect.objectContaining({ ok: true }),
        lastError: null,
      }),
      expect.objectContaining({
        name: "gone",
        documents: 0,
        lastSync: expect.objectContaining({ ok: false }),
        lastError: expect.objectContaining({ error: expect.stringMatching(/does not exist/) }),
      }),
    ]);
  });
});
