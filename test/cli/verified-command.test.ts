import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Answer, Question } from "../../src/core/types.ts";
import { createFeedbackStore } from "../../src/feedback/feedback-store.ts";
import { createVerifiedAnswers } from "../../src/feedback/verified-answers.ts";
import { silentLogger } from "../../src/logger.ts";
import { openIndex } from "../../src/retrieval/open-index.ts";
import { tempDir } from "../helpers/corpus.ts";
import { docentInProcess as docent } from "../helpers/docent-in-process.ts";

const THREAD_LINK = "https://fernhill.slack.com/archives/C123ABC456/p1715000002000002?thread_ts=1715000001.000001&cid=C123ABC456";
const DOG_ANSWER = "Dogs are welcome in the office on Fridays, on a leash, once the office manager has their vaccination record.";

const asked = (text: string): Question => ({ platform: "slack", user: "U0ASKER", conversation: "C1", thread: "1.0", text, history: [] });
const answered = (id: string, docIds: string[]): Answer => ({
  id,
  text: `Answer ${id}`,
  citations: docIds.map((docId, i) => ({ n: i + 1, docId, title: docId, url: null, heading: null, snippet: "…", updatedAt: 0 })),
  grounded: true,
  mode: "extractive",
  unsupported: [],
  query: "q",
});

describe("docent verified, and the regression set of docent feedback --export-eval", () => {
  let dir: { path: string; remove: () => Promise<void> };
  let db: string;
  let verifiedId: string;
  const ask = async (question: string) => JSON.parse((await docent(["ask", question, "--db", db, "--json"], dir.path)).stdout);

  beforeAll(async () => {
    dir = await tempDir();
    db = join(dir.path, "db");
    const docs = join(dir.path, "docs");
    await mkdir(docs);
    await writeFile(join(docs, "vpn.md"), "# VPN\n\nConnect to the VPN with the Tunnel client and the server vpn.example.com.\n");
    await writeFile(join(docs, "leave.md"), "# Parental leave\n\nNew parents get twelve weeks of paid parental leave.\n");
    expect((await docent(["ingest", docs, "--db", db], dir.path)).code).toBe(0);
  });
  afterAll(() => dir.remove());

  it("answers a question the documents did not cover from an expert's verified answer, cited with who verified it, when, and the thread", async () => {
    expect((await ask("Can I bring my dog to the office?")).mode).toBe("no-answer");

    const index = await openIndex(db);
    const verified = createVerifiedAnswers({ index, logger: silentLogger(), writer: true });
    const saved = await verified.save({
      question: "Can I bring my dog to the office?",
      answer: DOG_ANSWER,
      verifiedBy: { name: "Dana Reyes", platform: "slack", id: "U0DANA" },
      link: THREAD_LINK,
    });
    index.close();
    verifiedId = saved.id;

    const reply = await ask("may I bring my dog into the office?");
    expect(reply.mode).toBe("extractive");
    expect(reply.citations[0]).toMatchObject({
      docId: `verified/${saved.id}`,
      title: `Verified by Dana Reyes, ${saved.verifiedAt.slice(0, 10)}`,
      url: THREAD_LINK,
    });
    expect(reply.answer).toContain("vaccination record");
  });

  it("lists the verified answers in the documented JSON shape", async () => {
    const { code, stdout } = await docent(["verified", "list", "--db", db, "--json"], dir.path);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      verified: [
        {
          id: verifiedId,
          docId: `verified/${verifiedId}`,
          question: "Can I bring my dog to the office?",
          answer: DOG_ANSWER,
          verifiedBy: { name: "Dana Reyes", platform: "slack", id: "U0DANA" },
          verifiedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
          link: THREAD_LINK,
          retired: false,
        },
      ],
    });
    const text = await docent(["verified", "list", "--db", db], dir.path);
    expect(text.stdout).toContain(verifiedId);
    expect(text.stdout).toContain("Verified by Dana Reyes");
  });

  it("exports liked and verified answers as a question set that docent eval scores as hits", async () => {
    const search = JSON.parse((await docent(["search", "VPN Tunnel client", "--k", "1", "--db", db, "--json"], dir.path)).stdout);
    const vpnDocId = search.results[0].docId as string;
    const index = await openIndex(db);
    const store = createFeedbackStore(index.connection);
    await store.saveAnswer(answered("liked-vpn", [vpnDocId]), asked("How do I connect to the VPN?"));
    await store.saveAnswer(answered("disliked-leave", ["leave.md"]), asked("How long is parental leave?"));
    await store.recordFeedback({ answer: "liked-vpn", platform: "slack", user: "U1", rating: "up" });
    await store.recordFeedback({ answer: "liked-vpn", platform: "slack", user: "U2", rating: "up" });
    await store.recordFeedback({ answer: "disliked-leave", platform: "slack", user: "U1", rating: "down" });
    await store.flush();
    index.close();

    const exported = await docent(["feedback", "--export-eval", "regression.jsonl", "--db", db], dir.path);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/wrote 2 questions to regression\.jsonl: 1 liked answers, 1 verified answers/);
    const lines = (await readFile(join(dir.path, "regression.jsonl"), "utf8"))
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines).toEqual([
      { id: "liked-liked-vpn", question: "How do I connect to the VPN?", relevant: [vpnDocId] },
      { id: `verified-${verifiedId}`, question: "Can I bring my dog to the office?", relevant: [`verified/${verifiedId}`] },
    ]);

    const evaluated = await docent(["eval", "regression.jsonl", "--db", db, "--json"], dir.path);
    expect(evaluated.code).toBe(0);
    const report = JSON.parse(evaluated.stdout);
    expect(report.questions).toBe(2);
    expect(report.hitAtK).toBe(1);
    expect(report.perQuestion.map((q: { id: string; hit: boolean; rank: number }) => [q.id, q.hit, q.rank])).toEqual([
      ["liked-liked-vpn", true, 1],
      [`verified-${verifiedId}`, true, 1],
    ]);
  });

  it("keeps verified answers through a full re-index of the sources", async () => {
    expect((await docent(["ingest", join(dir.path, "docs"), "--full", "--db", db], dir.path)).code).toBe(0);
    expect((await ask("may I bring my dog into the office?")).citations[0].docId).toBe(`verified/${verifiedId}`);
  });

  it("retires a verified answer: answers stop citing it at once, and it is listed only with --all", async () => {
    const retired = await docent(["verified", "retire", verifiedId, "--db", db], dir.path);
    expect(retired).toMatchObject({ code: 0, stdout: `retired ${verifiedId}: answers no longer cite it\n` });

    const reply = await ask("may I bring my dog into the office?");
    expect(reply.citations.map((c: { docId: string }) => c.docId)).not.toContain(`verified/${verifiedId}`);
    expect(reply.mode).toBe("no-answer");
    expect(JSON.parse((await docent(["verified", "list", "--db", db, "--json"], dir.path)).stdout).verified).toEqual([]);
    const all = JSON.parse((await docent(["verified", "list", "--all", "--db", db, "--json"], dir.path)).stdout).verified;
    expect(all).toEqual([expect.objectContaining({ id: verifiedId, retired: true })]);

    // A liked answer that drew only on the retired verified answer leaves the regression set with it.
    const index = await openIndex(db);
    const store = createFeedbackStore(index.connection);
    await store.saveAnswer(answered("liked-dog", [`verified/${verifiedId}`]), asked("Can dogs come to the office?"));
    await store.recordFeedback({ answer: "liked-dog", platform: "slack", user: "U3", rating: "up" });
    await store.flush();
    index.close();
    expect((await docent(["feedback", "--export-eval", "after.jsonl", "--db", db], dir.path)).code).toBe(0);
    const ids = (await readFile(join(dir.path, "after.jsonl"), "utf8"))
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line).id);
    expect(ids).toEqual(["liked-liked-vpn"]);

    const again = await docent(["verified", "retire", verifiedId, "--db", db], dir.path);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already retired/);
    expect((await docent(["verified", "retire", "no-such-id", "--db", db], dir.path)).stderr).toMatch(/no verified answer has the id no-such-id/);
  });

  it("explains its usage", async () => {
    const help = await docent(["verified", "--help"], dir.path);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/docent verified retire ID/);
    expect((await docent(["verified", "--db", db], dir.path)).code).toBe(2);
    expect((await docent(["verified", "retire", "--db", db], dir.path)).stderr).toMatch(/give exactly one id/);
    expect((await docent(["feedback", "--help"], dir.path)).stdout).toMatch(/--export-eval FILE/);
  });
});
