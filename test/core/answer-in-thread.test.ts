import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerInThread, APOLOGY, EMPTY_QUESTION_HINT, type ChatReply } from "../../src/core/answer-in-thread.ts";
import { createDocentCore, type DocentCore } from "../../src/core/docent-core.ts";
import type { Answer, Question } from "../../src/core/types.ts";
import { createFeedbackStore } from "../../src/feedback/feedback-store.ts";
import { createExtractiveAnswerGenerator } from "../../src/llm/extractive-answer-generator.ts";
import { createLogger, type Logger } from "../../src/logger.ts";
import type { KnowledgeIndex } from "../../src/retrieval/open-index.ts";
import { index18F } from "../helpers/indexed-corpus.ts";

const question = (text: string, platform: Question["platform"] = "teams"): Question => ({
  platform,
  user: "U1",
  conversation: "C1",
  thread: "T1",
  text,
  history: [],
});

/** A platform that records what the flow asked of it, in order; `ref` is what posting the answer returns. */
function recordingReply(options: { ref?: string | null; failToPost?: boolean } = {}) {
  const calls: string[] = [];
  let answer: Answer | null = null;
  const reply: ChatReply = {
    showWorking: async () => void calls.push("working"),
    showQueued: (position) => void calls.push(`queued ${position}`),
    append: (markdown) => {
      if (calls.at(-1) !== "append") calls.push("append");
      expect(markdown).not.toBe("");
    },
    async finishWithAnswer(given) {
      calls.push("answer");
      answer = given;
      if (options.failToPost) throw new Error("the platform refused the message");
      return options.ref === undefined ? "C1:1700000000.000100" : options.ref;
    },
    finishWithText: async (text) => void calls.push(`text: ${text}`),
  };
  return { reply, calls, answer: () => answer };
}

function capturingLogger(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  return { lines, logger: createLogger({ level: "debug", destination: { write: (line: string) => void lines.push(JSON.parse(line)) } }) };
}

describe("answering a question in a chat thread, the same on every platform", () => {
  let index: KnowledgeIndex;
  let core: DocentCore;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ index, cleanup } = await index18F());
    core = createDocentCore(
      { index, generator: createExtractiveAnswerGenerator(), scopes: {}, logger: capturingLogger().logger },
      createFeedbackStore(index.connection),
    );
  });
  afterAll(() => cleanup());

  it("shows work, streams, finishes with the answer, links it to the posted message and logs one line", async () => {
    const { reply, calls, answer } = recordingReply();
    const { logger, lines } = capturingLogger();
    await answerInThread(question("how many weeks of paid parental leave do I get?"), reply, { core, logger });
    expect(calls).toEqual(["working", "append", "answer"]);
    expect(answer()?.citations.length).toBeGreaterThan(0);
    expect((await core.feedback.findAnswer("C1:1700000000.000100"))?.id).toBe(answer()!.id);
    const logged = lines.filter((line) => line.msg === "answered a Teams question");
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ platform: "teams", conversation: "C1", thread: "T1", answer: answer()!.id, mode: "extractive", posted: true });
  });

  it("answers a bare mention with the hint, without asking the core", async () => {
    const { reply, calls } = recordingReply();
    const asked: string[] = [];
    await answerInThread(question("   "), reply, { core: { ...core, ask: (q) => (asked.push(q.text), core.ask(q)) }, logger: capturingLogger().logger });
    expect(calls).toEqual([`text: ${EMPTY_QUESTION_HINT}`]);
    expect(asked).toEqual([]);
  });

  it("apologizes with one text and logs the error when the core fails", async () => {
    const { reply, calls } = recordingReply();
    const { logger, lines } = capturingLogger();
    const failing = { ...core, ask: () => Promise.reject(new Error("the index cannot be read")) };
    await answerInThread(question("how do I book travel?", "slack"), reply, { core: failing, logger });
    expect(calls).toEqual(["working", `text: ${APOLOGY}`]);
    expect(lines.find((line) => line.msg === "could not answer a Slack question; apologized in the thread")).toMatchObject({
      platform: "slack",
      err: { message: "the index cannot be read" },
    });
  });

  it("never throws: an answer the platform could not post is logged as not posted, and nothing is linked", async () => {
    const { reply } = recordingReply({ failToPost: true });
    const { logger, lines } = capturingLogger();
    await expect(answerInThread(question("how do I book travel?"), reply, { core, logger })).resolves.toBeUndefined();
    expect(lines.find((line) => line.msg === "could not deliver an answer to Teams")).toBeDefined();
    expect(lines.find((line) => line.msg === "answered a Teams question")).toMatchObject({ posted: false });
  });

  it("tells the platform the question's place in line while every answering slot is busy", async () => {
    const busy = createDocentCore({ index, generator: createExtractiveAnswerGenerator(), scopes: {}, logger: capturingLogger().logger }, core.feedback, {
      limits: { maxConcurrent: 1 },
    });
    const first = recordingReply();
    const second = recordingReply();
    const logger = capturingLogger().logger;
    await Promise.all([
      answerInThread(question("how many weeks of paid parental leave do I get?"), first.reply, { core: busy, logger }),
      answerInThread({ ...question("how do I book travel?"), thread: "T2" }, second.reply, { core: busy, logger }),
    ]);
    expect(second.calls.slice(0, 2)).toEqual(["working", "queued 1"]);
    expect(second.calls.at(-1)).toBe("answer");
  });
});
