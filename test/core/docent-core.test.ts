import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocentCore, MAX_QUESTION_CHARS } from "../../src/core/docent-core.ts";
import type { Question } from "../../src/core/types.ts";
import { createFeedbackStore } from "../../src/feedback/feedback-store.ts";
import { createChatAnswerGenerator } from "../../src/llm/chat-answer-generator.ts";
import { createExtractiveAnswerGenerator } from "../../src/llm/extractive-answer-generator.ts";
import { createOpenAIChatModel } from "../../src/llm/openai-chat-model.ts";
import { silentLogger } from "../../src/logger.ts";
import { startFakeModelServer, type FakeModelServer } from "../helpers/fake-model-server.ts";
import { index18F } from "../helpers/indexed-corpus.ts";
import type { KnowledgeIndex } from "../../src/retrieval/open-index.ts";

const logger = silentLogger();
const q = (text: string, overrides: Partial<Question> = {}): Question => ({
  platform: "slack",
  user: "U1",
  conversation: "C1",
  thread: "T1",
  text,
  history: [],
  ...overrides,
});

describe("the core service adapters talk to", () => {
  let index: KnowledgeIndex;
  let server: FakeModelServer;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ index, cleanup } = await index18F());
    server = await startFakeModelServer();
  });
  afterAll(async () => {
    await server.close();
    await cleanup();
  });

  const extractiveCore = (limits = {}) =>
    createDocentCore({ index, generator: createExtractiveAnswerGenerator(), scopes: {}, logger }, createFeedbackStore(index.connection), { limits });

  it("remembers the thread, so a follow-up without history keeps its topic", async () => {
    const core = extractiveCore();
    expect(await core.knowsThread(q(""))).toBe(false);
    await core.ask(q("how many weeks of paid parental leave do I get?"));
    expect(await core.knowsThread(q(""))).toBe(true);
    const followUp = await core.ask(q("and do I need a year of service first?"));
    expect(followUp.query).toMatch(/parental/);
    expect(await core.knowsThread(q("", { thread: "T2" }))).toBe(false);
  });

  it("keeps every answer, so feedback can find it", async () => {
    const core = extractiveCore();
    const answer = await core.ask(q("which receipts do I keep on a work trip?", { thread: "T3" }));
    expect(await core.feedback.recordFeedback({ answer: answer.id, platform: "slack", user: "U1", rating: "up" })).toBe(true);
  });

  it("cuts a huge question, says so, and strips control characters", async () => {
    const core = extractiveCore();
    const answer = await core.ask(q(`zoom\u0000 license\u001b upgrade ${"please ".repeat(1000)}`, { thread: "T4" }));
    expect(answer.text).toMatch(new RegExp(`only its first ${MAX_QUESTION_CHARS} characters were used`));
    expect(answer.query).not.toMatch(/[\u0000\u001b]/);
  });

  it("answers a user over the rate limit politely instead of working", async () => {
    const core = extractiveCore({ perUserPerMinute: 2 });
    await core.ask(q("zoom license", { thread: "a" }));
    await core.ask(q("zoom license", { thread: "b" }));
    const third = await core.ask(q("zoom license", { thread: "c" }));
    expect(third).toMatchObject({ mode: "no-answer", citations: [] });
    expect(third.text).toMatch(/faster than I can keep up/);
    expect((await core.ask(q("zoom license", { user: "U2", thread: "d" }))).mode).not.toBe("no-answer");
  });

  it("queues questions beyond the concurrency limit, tells the asker, answers all of them, and drains", async () => {
    server.script(() => ({ reply: "Zoom licenses are requested through ServiceNow [1].", delayMs: 150 }));
    const chatModel = createOpenAIChatModel({ model: "fake", baseURL: server.url, logger });
    const core = createDocentCore({ index, generator: createChatAnswerGenerator(chatModel), scopes: {}, logger }, createFeedbackStore(index.connection), {
      limits: { maxConcurrent: 2, perUserPerMinute: 100 },
    });
    const positions: number[] = [];
    const asks = Array.from({ length: 5 }, (_, i) =>
      core.ask(q("how do I get a zoom license?", { user: `U${i}`, thread: `q${i}` }), { onQueued: (p) => positions.push(p) }),
    );
    await core.drain();
    const answers = await Promise.all(asks);
    expect(answers.every((a) => a.mode === "llm")).toBe(true);
    expect(positions.sort()).toEqual([1, 2, 3]);
  });
});
