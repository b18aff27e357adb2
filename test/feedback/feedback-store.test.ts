import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { join } from "node:path";
import type { Answer, Question } from "../../src/core/types.ts";
import { createFeedbackStore, hashUser } from "../../src/feedback/feedback-store.ts";
import { openIndex } from "../../src/retrieval/open-index.ts";
import { tempDir } from "../helpers/corpus.ts";

const question = (text: string, user = "U1"): Question => ({ platform: "slack", user, conversation: "C1", thread: "1.0", text, history: [] });
const answer = (id: string): Answer => ({
  id,
  text: `Answer ${id} [1]`,
  citations: [{ n: 1, docId: `docs/${id}.md`, title: id, url: null, heading: null, snippet: "…", updatedAt: 0 }],
  grounded: true,
  mode: "extractive",
  unsupported: [],
  query: "q",
});

describe("the feedback store", () => {
  let dir: { path: string; remove: () => Promise<void> };
  beforeEach(async () => (dir = await tempDir()));
  afterEach(() => dir.remove());

  const open = async () => {
    const index = await openIndex(join(dir.path, "db"));
    return { store: createFeedbackStore(index.connection), close: () => index.close() };
  };

  it("records a vote with the question, answer and cited documents, and reports it", async () => {
    const { store, close } = await open();
    await store.saveAnswer(answer("a1"), question("how many vacation days?"));
    expect(await store.recordFeedback({ answer: "a1", platform: "slack", user: "U9", rating: "down", comment: "outdated" })).toBe(true);
    const report = await store.report();
    expect(report).toMatchObject({ total: 1, positive: 0, negative: 1, satisfaction: 0, downvotedDocuments: [{ docId: "docs/a1.md", count: 1 }] });
    expect(report.items[0]).toMatchObject({
      platform: "slack",
      rating: "down",
      question: "how many vacation days?",
      answer: "Answer a1 [1]",
      docIds: ["docs/a1.md"],
      comment: "outdated",
    });
    close();
  });

  it("changes a vote when the same user clicks again, never duplicating it", async () => {
    const { store, close } = await open();
    await store.saveAnswer(answer("a1"), question("q"));
    await store.recordFeedback({ answer: "a1", platform: "slack", user: "U9", rating: "up" });
    await store.recordFeedback({ answer: "a1", platform: "slack", user: "U9", rating: "down" });
    await store.recordFeedback({ answer: "a1", platform: "slack", user: "U9", comment: "it is 25 days now" });
    const report = await store.report();
    expect(report.total).toBe(1);
    expect(report.items[0]).toMatchObject({ rating: "down", comment: "it is 25 days now" });
    close();
  });

  it("finds an answer by the platform reference linked after posting", async () => {
    const { store, close } = await open();
    await store.saveAnswer(answer("a2"), question("q"));
    await store.linkAnswer("a2", "teams:activity-7");
    expect(await store.recordFeedback({ answer: "teams:activity-7", platform: "teams", user: "29:x", rating: "up" })).toBe(true);
    expect(await store.recordFeedback({ answer: "unknown", platform: "teams", user: "29:x", rating: "up" })).toBe(false);
    close();
  });

  it("loses nothing under concurrent writes, and keeps everything across a restart", async () => {
    const first = await open();
    await Promise.all(Array.from({ length: 20 }, (_, i) => first.store.saveAnswer(answer(`c${i}`), question(`question ${i}`))));
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        first.store.recordFeedback({ answer: `c${i}`, platform: "slack", user: `U${i}`, rating: i % 4 === 0 ? "down" : "up" }),
      ),
    );
    first.close();

    const second = await open();
    const report = await second.store.report({ limit: 100 });
    expect(report).toMatchObject({ total: 20, positive: 15, negative: 5 });
    expect(new Set(report.items.map((item) => item.question)).size).toBe(20);
    second.close();
  });

  it("counts each user's last vote once when two replicas record votes on the same answers at the same moment", async () => {
    const [a, b] = [await open(), await open()];
    await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? a : b).store.saveAnswer(answer(`r${i}`), question(`question ${i}`))));
    // Every user votes on every answer from one replica, and changes their mind on the other at once.
    const users = ["U1", "U2", "U3"];
    await Promise.all(
      users.flatMap((user) =>
        Array.from({ length: 6 }, (_, i) => [
          a.store.recordFeedback({ answer: `r${i}`, platform: "slack", user, rating: "up" }),
          b.store.recordFeedback({ answer: `r${i}`, platform: "slack", user, rating: "down" }),
        ]).flat(),
      ),
    );
    await Promise.all([a.store.flush(), b.store.flush()]);
    for (const replica of [a, b]) {
      const report = await replica.store.report({ limit: 100 });
      expect(report.total).toBe(18);
      expect(report.positive + report.negative).toBe(18);
    }
    a.close();
    b.close();
  });

  it("stores user ids only hashed", async () => {
    const { store, close } = await open();
    await store.saveAnswer(answer("a3"), question("q", "U-SECRET-ID"));
    await store.recordFeedback({ answer: "a3", platform: "slack", user: "U-SECRET-ID", rating: "up" });
    close();
    const index = await openIndex(join(dir.path, "db"));
    for (const name of ["answers", "feedback"]) {
      const rows = await (await index.connection.openTable(name)).query().toArray();
      expect(JSON.stringify(rows)).not.toContain("U-SECRET-ID");
      expect(rows[0]!.userHash).toBe(hashUser("slack", "U-SECRET-ID"));
    }
    index.close();
  });
});
