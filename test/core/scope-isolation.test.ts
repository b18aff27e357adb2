import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocentCore, type DocentCore } from "../../src/core/docent-core.ts";
import { createFeedbackStore } from "../../src/feedback/feedback-store.ts";
import { createExtractiveAnswerGenerator } from "../../src/llm/extractive-answer-generator.ts";
import { silentLogger } from "../../src/logger.ts";
import { readQuestionSet } from "../../src/retrieval/evaluate-retrieval.ts";
import { openIndex, type KnowledgeIndex } from "../../src/retrieval/open-index.ts";
import { failedOutcomes, syncSources } from "../../src/retrieval/sync-sources.ts";
import { CORPUS_18F, QUESTIONS_18F, SAMPLE_KNOWLEDGE, tempDir } from "../helpers/corpus.ts";

/**
 * Two knowledge bases in one index: the 18F handbook (collection "handbook") and the Fernhill sample
 * (collection "fernhill"). A channel scoped to one must never see a passage of the other, whatever it asks.
 */
describe("conversation scopes", () => {
  let index: KnowledgeIndex;
  let core: DocentCore;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const dir = await tempDir();
    index = await openIndex(join(dir.path, "db"));
    const outcomes = await syncSources(
      index,
      [
        { name: "18f", type: "folder", path: CORPUS_18F, include: ["pages/**"], collection: "handbook", prettyUrls: false },
        { name: "fernhill", type: "folder", path: SAMPLE_KNOWLEDGE, collection: "fernhill", prettyUrls: false },
      ],
      { logger: silentLogger() },
    );
    expect(failedOutcomes(outcomes)).toEqual([]);
    const scopes = { default: ["handbook"], "slack:C_FERNHILL": ["fernhill"], "teams:19:both@thread.tacv2": ["handbook", "fernhill"] };
    core = createDocentCore({ index, generator: createExtractiveAnswerGenerator(), scopes, logger: silentLogger() }, createFeedbackStore(index.connection), {
      limits: { maxConcurrent: 4, perUserPerMinute: 10_000 },
    });
    cleanup = async () => {
      index.close();
      await dir.remove();
    };
  });
  afterAll(() => cleanup());

  const fernhillQuestions = [
    "How many weeks of parental leave do I get as the primary caregiver?",
    "How many unused vacation days can I carry over?",
    "What is the minimum password length?",
    "What should I do if my laptop is stolen?",
    "What is the daily per diem in Portugal?",
    "Who needs to approve a $3,000 business trip?",
  ];

  it("keeps a scoped channel inside its collection across many questions about either corpus", async () => {
    const questions = [...(await readQuestionSet(QUESTIONS_18F)).map((q) => q.question), ...fernhillQuestions];
    let checked = 0;
    for (const [i, text] of questions.entries()) {
      const scoped = await core.ask({ platform: "slack", user: "U1", conversation: "C_FERNHILL", thread: `s${i}`, text, history: [] });
      for (const citation of scoped.citations) expect(citation.docId.startsWith("pages/"), `${text} → ${citation.docId}`).toBe(false);
      const fallback = await core.ask({ platform: "slack", user: "U2", conversation: "C_OTHER", thread: `o${i}`, text, history: [] });
      for (const citation of fallback.citations) expect(citation.docId.startsWith("pages/"), `${text} → ${citation.docId}`).toBe(true);
      checked += scoped.citations.length + fallback.citations.length;
    }
    expect(checked).toBeGreaterThan(100);
  });

  it("answers from every collection a conversation's scope lists", async () => {
    const answer = await core.ask({
      platform: "teams",
      user: "u",
      conversation: "19:both@thread.tacv2",
      thread: "t",
      text: fernhillQuestions[0]!,
      history: [],
    });
    expect(answer.citations[0]!.docId).toBe("hr/parental-leave.md");
  });
});
