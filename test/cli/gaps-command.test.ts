import { mkdir, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Answer, Question } from "../../src/core/types.ts";
import { createFeedbackStore } from "../../src/feedback/feedback-store.ts";
import { openIndex } from "../../src/retrieval/open-index.ts";
import { tempDir } from "../helpers/corpus.ts";
import { docentInProcess as docent } from "../helpers/docent-in-process.ts";

const question = (text: string, user: string): Question => ({ platform: "slack", user, conversation: "C1", thread: "1.0", text, history: [] });
const answer = (id: string, docIds: string[], mode: Answer["mode"] = "extractive"): Answer => ({
  id,
  text: `Answer ${id}`,
  citations: docIds.map((docId, i) => ({ n: i + 1, docId, title: docId, url: null, heading: null, snippet: "…", updatedAt: 0 })),
  grounded: true,
  mode,
  unsupported: [],
  query: "q",
});

describe("docent gaps", () => {
  let dir: { path: string; remove: () => Promise<void> };
  let db: string;
  let docs: string;
  let vpnDocId: string;
  beforeAll(async () => {
    dir = await tempDir();
    db = join(dir.path, "db");
    docs = join(dir.path, "docs");
    await mkdir(docs);
    await writeFile(join(docs, "vpn.md"), "# VPN\n\nConnect to the VPN with the Tunnel client and the server vpn.example.com.\n");
    await writeFile(join(docs, "leave.md"), "# Parental leave\n\nNew parents get twelve weeks of paid parental leave.\n");
    const old = new Date(Date.now() - 86_400_000);
    await Promise.all(["vpn.md", "leave.md"].map((file) => utimes(join(docs, file), old, old)));
    expect((await docent(["ingest", docs, "--db", db], dir.path)).code).toBe(0);
    const search = JSON.parse((await docent(["search", "VPN Tunnel client", "--k", "1", "--db", db, "--json"], dir.path)).stdout);
    vpnDocId = search.results?.[0]?.docId ?? search[0]?.docId;
    expect(vpnDocId).toMatch(/vpn\.md$/);

    const index = await openIndex(db);
    const store = createFeedbackStore(index.connection);
    await store.saveAnswer(answer("d1", [], "no-answer"), question("Can I bring my dog to the office?", "U1"));
    await store.saveAnswer(answer("d2", [], "no-answer"), question("are dogs allowed in the office", "U2"));
    await store.saveAnswer(answer("a1", [vpnDocId]), question("How do I connect to the VPN from home?", "U3"));
    await store.recordFeedback({ answer: "a1", platform: "slack", user: "U3", rating: "down", comment: "the server name is wrong" });
    await store.flush();
    index.close();
  });
  afterAll(() => dir.remove());

  it("prints the gaps in the documented JSON shape, most asked first", async () => {
    const { code, stdout } = await docent(["gaps", "--db", db, "--json"], dir.path);
    expect(code).toBe(0);
    const { gaps } = JSON.parse(stdout);
    expect(gaps).toHaveLength(2);
    expect(gaps[0]).toEqual({
      question: expect.stringMatching(/dog/),
      questions: expect.arrayContaining(["Can I bring my dog to the office?", "are dogs allowed in the office"]),
      count: 2,
      declined: 2,
      downvoted: 0,
      docIds: [],
      lastAskedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      reasons: [],
      possiblyResolved: false,
      changedDocIds: [],
      verifiedAnswerIds: [],
      // Each word once, as first asked: the newest wording ("dogs") comes first.
      unmentioned: ["dogs", "allowed", "office", "bring"],
    });
    expect(gaps[1]).toMatchObject({ count: 1, downvoted: 1, docIds: [vpnDocId], reasons: ["the server name is wrong"], possiblyResolved: false });
  });

  it("sorts by recency with --sort recent and keeps --limit", async () => {
    const { stdout } = await docent(["gaps", "--db", db, "--json", "--sort", "recent", "--limit", "1"], dir.path);
    expect(JSON.parse(stdout).gaps.map((gap: { question: string }) => gap.question)).toEqual(["How do I connect to the VPN from home?"]);
  });

  it("prints a table on a terminal, and marks a gap possibly resolved once its cited document changed", async () => {
    await writeFile(join(docs, "vpn.md"), "# VPN\n\nConnect to the VPN with the Tunnel client and the server vpn2.example.com.\n");
    expect((await docent(["ingest", docs, "--db", db], dir.path)).code).toBe(0);
    const { code, stdout } = await docent(["gaps", "--db", db], dir.path);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\s+2×\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+.*dog/m);
    expect(stdout).toMatch(/^\s+no document mentions: dogs, allowed, office, bring$/m);
    expect(stdout).toMatch(/^\s+1×.*How do I connect to the VPN from home\?\s+\(possibly resolved\)$/m);
    expect(stdout).toMatch(/“the server name is wrong”/);
  });

  it("no longer lists a word once a document mentions it", async () => {
    await writeFile(join(docs, "pets.md"), "# Pets\n\nDogs are allowed in the office on Fridays.\n");
    expect((await docent(["ingest", docs, "--db", db], dir.path)).code).toBe(0);
    const { gaps } = JSON.parse((await docent(["gaps", "--db", db, "--json"], dir.path)).stdout);
    expect(gaps[0].unmentioned).toEqual(["bring"]);
  });

  it("exits 2 on an unknown sort", async () => {
    const { code, stderr } = await docent(["gaps", "--db", db, "--sort", "loudest"], dir.path);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--sort must be "count" or "recent"/);
  });
});
