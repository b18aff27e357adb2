import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { join } from "node:path";
import type { Answer, Question } from "../../src/core/types.ts";
import { createFeedbackStore } from "../../src/feedback/feedback-store.ts";
import { feedbackTables } from "../../src/feedback/feedback-tables.ts";
import { readKnowledgeGaps } from "../../src/feedback/read-knowledge-gaps.ts";
import { openIndex } from "../../src/retrieval/open-index.ts";
import { tempDir } from "../helpers/corpus.ts";

const question = (text: string, user = "U1"): Question => ({ platform: "slack", user, conversation: "C1", thread: "1.0", text, history: [] });
const answered = (id: string, docIds: string[]): Answer => ({
  id,
  text: `Answer ${id}`,
  citations: docIds.map((docId, i) => ({ n: i + 1, docId, title: docId, url: null, heading: null, snippet: "…", updatedAt: 0 })),
  grounded: true,
  mode: "extractive",
  unsupported: [],
  query: "q",
});
const declined = (id: string): Answer => ({ ...answered(id, []), mode: "no-answer" });

describe("the knowledge gaps", () => {
  let dir: { path: string; remove: () => Promise<void> };
  beforeEach(async () => (dir = await tempDir()));
  afterEach(() => dir.remove());

  const open = async () => {
    const index = await openIndex(join(dir.path, "db"));
    return { store: createFeedbackStore(index.connection), tables: feedbackTables(index.connection), close: () => index.close() };
  };

  it("lists declined questions and 👎 answers, grouped by topic, with counts, sources and reasons", async () => {
    const { store, close } = await open();
    await store.saveAnswer(declined("d1"), question("Can I bring my dog to the office?"));
    await store.saveAnswer(declined("d2"), question("are dogs allowed in the office"));
    await store.saveAnswer(answered("a1", ["it/vpn.md"]), question("How do I connect to the VPN from home?"));
    await store.saveAnswer(answered("a2", ["it/vpn.md"]), question("vpn setup for my laptop"));
    await store.saveAnswer(answered("a3", ["hr/leave.md"]), question("How much parental leave do I get?"));
    await store.recordFeedback({ answer: "a1", platform: "slack", user: "U1", rating: "down", comment: "the client changed" });
    await store.recordFeedback({ answer: "a2", platform: "slack", user: "U2", rating: "down" });
    // A 👍 is not a gap, and a user who changed their mind to 👍 takes the 👎 back.
    await store.recordFeedback({ answer: "a3", platform: "slack", user: "U3", rating: "down" });
    await store.recordFeedback({ answer: "a3", platform: "slack", user: "U3", rating: "up" });

    const gaps = await store.gaps();
    expect(gaps).toHaveLength(2);
    const vpn = gaps.find((gap) => gap.docIds.includes("it/vpn.md"))!;
    expect(vpn).toMatchObject({ count: 2, declined: 0, downvoted: 2, docIds: ["it/vpn.md"], reasons: ["the client changed"], possiblyResolved: false });
    expect(vpn.questions.sort()).toEqual(["How do I connect to the VPN from home?", "vpn setup for my laptop"]);
    const dogs = gaps.find((gap) => gap.declined > 0)!;
    expect(dogs).toMatchObject({ count: 2, declined: 2, downvoted: 0, docIds: [], reasons: [] });
    expect(Date.parse(dogs.lastAskedAt)).toBeGreaterThan(Date.now() - 60_000);
    close();
  });

  it("sorts by count, then by the last ask; or by the last ask alone; and keeps the limit", async () => {
    const { store, close } = await open();
    await store.saveAnswer(declined("d1"), question("stock option vesting schedule"));
    await store.saveAnswer(declined("d2"), question("When do my stock options vest?"));
    await new Promise((resolve) => setTimeout(resolve, 5));
    await store.saveAnswer(declined("d3"), question("Can I bring my dog to the office?"));
    expect((await store.gaps()).map((gap) => gap.count)).toEqual([2, 1]);
    expect((await store.gaps({ sort: "recent" }))[0]!.question).toBe("Can I bring my dog to the office?");
    expect(await store.gaps({ limit: 1 })).toHaveLength(1);
    close();
  });

  it("marks a gap possibly resolved when a document it cited changed after the last ask", async () => {
    const { store, tables, close } = await open();
    await store.saveAnswer(answered("a1", ["it/vpn.md", "it/remote.md"]), question("How do I connect to the VPN?"));
    await store.recordFeedback({ answer: "a1", platform: "slack", user: "U1", rating: "down", comment: "wrong server name" });
    const later = Date.now() + 60_000;
    const [stale] = await readKnowledgeGaps(tables, { documentUpdates: new Map([["it/vpn.md", 1]]) });
    expect(stale).toMatchObject({ possiblyResolved: false, changedDocIds: [] });
    const [fixed] = await readKnowledgeGaps(tables, { documentUpdates: new Map([["it/remote.md", later]]) });
    expect(fixed).toMatchObject({ possiblyResolved: true, changedDocIds: ["it/remote.md"] });
    close();
  });

  it("marks a gap possibly resolved when an expert verified an answer to a similar question after the last ask", async () => {
    const { store, tables, close } = await open();
    await store.saveAnswer(declined("d1"), question("Can I bring my dog to the office?"));
    const after = new Date(Date.now() + 60_000).toISOString();
    const before = new Date(Date.now() - 60_000).toISOString();
    const verified = (id: string, text: string, verifiedAt: string) => ({ id, question: text, verifiedAt });
    const [open1] = await readKnowledgeGaps(tables, {
      verified: [verified("v-old", "Can I bring my dog to the office?", before), verified("v-other", "How do I reset my VPN password?", after)],
    });
    expect(open1).toMatchObject({ possiblyResolved: false, verifiedAnswerIds: [] });
    const [covered] = await readKnowledgeGaps(tables, { verified: [verified("v-new", "are dogs allowed in the office?", after)] });
    expect(covered).toMatchObject({ possiblyResolved: true, changedDocIds: [], verifiedAnswerIds: ["v-new"] });
    close();
  });

  it("is empty before any question", async () => {
    const { store, close } = await open();
    expect(await store.gaps()).toEqual([]);
    close();
  });
});
