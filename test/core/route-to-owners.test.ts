import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOwnerRouting, type OwnerNotice } from "../../src/core/route-to-owners.ts";
import { createFeedbackStore, type FeedbackStore } from "../../src/feedback/feedback-store.ts";
import { silentLogger } from "../../src/logger.ts";
import { openIndex, type KnowledgeIndex } from "../../src/retrieval/open-index.ts";
import { syncSources } from "../../src/retrieval/sync-sources.ts";
import { createMemoryState } from "../../src/state/memory-state.ts";
import { openSharedState } from "../../src/state/open-shared-state.ts";
import { startRedis } from "../helpers/start-redis.ts";
import { tempDir } from "../helpers/corpus.ts";

const logger = silentLogger();
const OWNER = "C0POLICYTEAM";

/**
 * The routing rules apart from any platform: the same SharedState stands for what replicas share (Redis in
 * production), and a delivery that records what it was asked to post stands for Slack or Teams.
 */
describe("routing a disliked answer to the owners of its documents", () => {
  let dir: { path: string; remove: () => Promise<void> };
  let index: KnowledgeIndex;
  let feedback: FeedbackStore;

  beforeAll(async () => {
    dir = await tempDir();
    await mkdir(join(dir.path, "docs"));
    await writeFile(join(dir.path, "docs/bicycle.md"), "# Bicycle allowance\n\nCyclists receive 20 euros a month.\n");
    await writeFile(join(dir.path, "docs/parking.md"), "# Parking\n\nPark in the garage on Mill Street.\n");
    index = await openIndex(join(dir.path, "db"));
    await syncSources(
      index,
      [{ name: "policies", type: "folder", path: join(dir.path, "docs"), collection: "default", prettyUrls: false, owner: { slack: OWNER } }],
      {
        logger,
      },
    );
    feedback = createFeedbackStore(index.connection);
  });
  afterAll(async () => {
    index.close();
    await dir.remove();
  });

  let answers = 0;
  async function answered(question: string, docIds: string[], text = "Cyclists receive 20 euros a month. [1]", mode = "extractive") {
    const id = `answer-${++answers}`;
    await feedback.saveAnswer(
      { id, text, citations: docIds.map((docId) => ({ docId })), mode, grounded: true },
      { platform: "slack", conversation: "D1", user: "U1", text: question },
    );
    return id;
  }
  const recorder = () => {
    const sent: { target: string; notice: OwnerNotice }[] = [];
    return {
      sent,
      delivery: {
        platform: "slack" as const,
        send: async (target: string, notice: OwnerNotice) => void sent.push({ target, notice }),
        link: async () => "https://example.test/answer",
      },
    };
  };

  it("posts once when two replicas route the same 👎 at the same moment", async () => {
    const state = createMemoryState();
    const replicas = [createOwnerRouting({ index, feedback, state, logger }), createOwnerRouting({ index, feedback, state, logger })];
    const { sent, delivery } = recorder();
    const id = await answered("how much is the bicycle allowance?", ["bicycle.md"]);
    const told = await Promise.all(replicas.map((routing) => routing.routeDislike({ answer: id, reason: "What about e-bikes?" }, delivery)));
    expect(told.sort()).toEqual([0, 1]);
    expect(sent).toEqual([
      {
        target: OWNER,
        notice: {
          question: "how much is the bicycle allowance?",
          answer: "Cyclists receive 20 euros a month. [1]",
          reason: "What about e-bikes?",
          link: "https://example.test/answer",
          docIds: ["bicycle.md"],
        },
      },
    ]);
  });

  it("posts once when two replicas with their own Redis connections route the same 👎, and not again for a reworded one", async () => {
    const redis = await startRedis();
    const states = [await openSharedState(redis.url, logger), await openSharedState(redis.url, logger)];
    try {
      const [first, second] = states.map((state) => createOwnerRouting({ index, feedback, state, logger }));
      const { sent, delivery } = recorder();
      const id = await answered("where is the car park?", ["parking.md"]);
      const told = await Promise.all([first!, second!].map((routing) => routing.routeDislike({ answer: id, reason: "Moved" }, delivery)));
      expect(told.sort()).toEqual([0, 1]);
      // The other replica sees the gap routed today: a reworded question citing the same page is not posted.
      expect(await second!.routeDislike({ answer: await answered("car park location?", ["parking.md"]), reason: "Moved!" }, delivery)).toBe(0);
      expect(sent.map((s) => s.notice.reason)).toEqual(["Moved"]);
    } finally {
      for (const state of states) await state.close();
      await redis.stop();
    }
  });

  it("routes the same gap again the next day, and another gap the same day", async () => {
    let now = Date.parse("2026-03-02T09:00:00Z");
    const routing = createOwnerRouting({ index, feedback, state: createMemoryState(), logger, now: () => now });
    const { sent, delivery } = recorder();
    expect(await routing.routeDislike({ answer: await answered("bicycle allowance amount?", ["bicycle.md"]), reason: "Outdated" }, delivery)).toBe(1);
    expect(await routing.routeDislike({ answer: await answered("how much for cycling to work?", ["bicycle.md"]), reason: "Still outdated" }, delivery)).toBe(0);
    expect(await routing.routeDislike({ answer: await answered("where do I park?", ["parking.md"]), reason: "Garage closed" }, delivery)).toBe(1);
    now += 24 * 60 * 60 * 1000;
    expect(await routing.routeDislike({ answer: await answered("how much for cycling to work?", ["bicycle.md"]), reason: "Again" }, delivery)).toBe(1);
    expect(sent.map((s) => s.notice.reason)).toEqual(["Outdated", "Garage closed", "Again"]);
  });

  it("shortens a long answer, and routes nothing without a reason, for a declined question or an unknown answer", async () => {
    const routing = createOwnerRouting({ index, feedback, state: createMemoryState(), logger });
    const { sent, delivery } = recorder();
    const long = `${"Cyclists receive twenty euros every month for riding to the office. ".repeat(20)}[1]`;
    expect(await routing.routeDislike({ answer: await answered("bike money?", ["bicycle.md"]), reason: "  " }, delivery)).toBe(0);
    expect(
      await routing.routeDislike(
        { answer: await answered("bike money?", ["bicycle.md"], "I couldn't find an answer.", "no-answer"), reason: "Why not?" },
        delivery,
      ),
    ).toBe(0);
    expect(await routing.routeDislike({ answer: "never-saved", reason: "Hm" }, delivery)).toBe(0);
    expect(sent).toEqual([]);
    expect(await routing.routeDislike({ answer: await answered("bike money?", ["bicycle.md"], long), reason: "Too long" }, delivery)).toBe(1);
    expect(sent[0]!.notice.answer.length).toBeLessThanOrEqual(401);
    expect(sent[0]!.notice.answer).toMatch(/^Cyclists receive twenty euros.*…$/);
  });

  it("never throws: a failing delivery or link is logged and counted as not told", async () => {
    const routing = createOwnerRouting({ index, feedback, state: createMemoryState(), logger });
    const failing = {
      platform: "slack" as const,
      send: async () => Promise.reject(new Error("channel_not_found")),
      link: async () => Promise.reject(new Error("timeout")),
    };
    await expect(routing.routeDislike({ answer: await answered("garage hours?", ["parking.md"]), reason: "Closed at night" }, failing)).resolves.toBe(0);
  });
});
