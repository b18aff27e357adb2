import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CoreDependencies } from "../../src/core/answer-question.ts";
import { audienceReaders } from "../../src/core/audience-readers.ts";
import { evaluatePipeline, type PipelineReport } from "../../src/core/evaluate-pipeline.ts";
import { createCoreDependencies } from "../../src/core/create-core.ts";
import { retrieveForAnswer } from "../../src/core/retrieve-for-answer.ts";
import { loadConfig } from "../../src/config.ts";
import type { Embedder } from "../../src/llm/embedder.ts";
import { createExtractiveAnswerGenerator } from "../../src/llm/extractive-answer-generator.ts";
import { createLocalEmbedder } from "../../src/llm/local-embedder.ts";
import { silentLogger } from "../../src/logger.ts";
import { readQuestionSet } from "../../src/retrieval/evaluate-retrieval.ts";
import { openIndex } from "../../src/retrieval/open-index.ts";
import { failedOutcomes, syncSources } from "../../src/retrieval/sync-sources.ts";
import { CORPUS_18F, CORPUS_CIVICACTIONS, QUESTIONS_18F, QUESTIONS_CIVICACTIONS, tempDir } from "../helpers/corpus.ts";
import { joinPagesByFolder } from "../helpers/join-pages-by-folder.ts";
import { withTypo } from "../helpers/with-typo.ts";

/**
 * Quality floors on the two public handbooks, full-text only and extractive, the offline default. The
 * floors sit a little under what was measured (docs/answer-quality.md), so they catch regressions; they
 * are not targets to tune against. Both sets are samples of how employees ask; nothing in the pipeline is
 * derived from their questions.
 */
const SETS = [
  // 18F's `answer` fields paraphrase their page, so only the guidebook's verbatim quotes can be looked up in passages.
  // holdsAnswerHybrid: with the local model, which also picks the quote by meaning (measured 0.42 and 0.615; by
  // words alone from the same passages 0.32 and 0.558).
  { name: "18F handbook", corpus: CORPUS_18F, include: ["pages/**"], questions: QUESTIONS_18F, answerInTop5: null, holdsAnswer: 0.25, holdsAnswerHybrid: 0.4 },
  {
    name: "CivicActions guidebook",
    corpus: CORPUS_CIVICACTIONS,
    include: ["guidebook/**"],
    questions: QUESTIONS_CIVICACTIONS,
    answerInTop5: 0.7,
    holdsAnswer: 0.45,
    holdsAnswerHybrid: 0.58,
  },
];

describe.each(SETS)("answer quality on the $name", ({ corpus, include, questions, answerInTop5, holdsAnswer }) => {
  let report: PipelineReport;
  let deps: CoreDependencies;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ report, deps, cleanup } = await evaluateOn(async () => corpus, include, questions, true));
  }, 120_000);
  afterAll(() => cleanup());

  it("finds a relevant page in the top 5 and ranks it high", () => {
    expect(report.hitAtK).toBeGreaterThanOrEqual(0.85);
    expect(report.mrr).toBeGreaterThanOrEqual(0.73);
  });

  it("answers the answerable questions: at most 10% wrongly declined", () => {
    const answers = report.answers!;
    expect(answers.wronglyDeclined / answers.answerable).toBeLessThanOrEqual(0.1);
  });

  it("cites a relevant page first, and quotes what the asker needs", () => {
    const answers = report.answers!;
    expect(answers.firstCitationRelevant).toBeGreaterThanOrEqual(0.6);
    expect(answers.citationPrecision).toBeGreaterThanOrEqual(0.6);
    expect(answers.holdsAnswer).toBeGreaterThanOrEqual(holdsAnswer);
  });

  it("ranks each question's documents as the search an answer is written from ranks them", async () => {
    const asked = new Map((await readQuestionSet(questions)).map((question) => [question.id, question.question]));
    let compared = 0;
    for (const { id, docIds } of report.perQuestion) {
      const { hits, declined } = await retrieveForAnswer(asked.get(id)!, deps, { collections: null, readers: audienceReaders(undefined) });
      if (declined) continue;
      const answered = [...new Set(hits.map((hit) => hit.docId))].slice(0, docIds.length);
      expect(docIds.slice(0, answered.length), asked.get(id)).toEqual(answered);
      compared++;
    }
    expect(compared).toBeGreaterThan(report.perQuestion.length * 0.8);
  });

  it("quotes extractively, so every answer passes the grounding check", () => {
    expect(report.answers!.grounded).toBe(1);
  });

  it.runIf(answerInTop5 !== null)("has the passage holding the answer among the top 5 passages", () => {
    expect(report.answerInTopK).toBeGreaterThanOrEqual(answerInTop5!);
  });

  it("finds and answers as well when each question has a typo in its longest word", async () => {
    const typed = (await readQuestionSet(questions)).map((question) => ({ ...question, question: withTypo(question.question) }));
    const withTypos = await evaluatePipeline(typed, deps, { k: 5, collections: null, answers: true });
    expect(withTypos.hitAtK).toBeGreaterThanOrEqual(report.hitAtK - 0.02);
    expect(withTypos.mrr).toBeGreaterThanOrEqual(report.mrr - 0.02);
    expect(withTypos.answers!.wronglyDeclined).toBeLessThanOrEqual(report.answers!.wronglyDeclined + 2);
  }, 120_000);

  it("declines questions about what the knowledge base never mentions", () => {
    const { questions: unanswerable, declined } = report.answers!.unanswerable;
    if (unanswerable > 0) expect(declined).toBeGreaterThanOrEqual(1);
    else expect(declined).toBe(0);
  });
});

/**
 * The guidebook again, with each folder's pages joined into one long document (17 documents of 10 to 120
 * kB, every page a section): when one document holds several of the best passages, the passage that
 * answers must still reach the top 5, as on long reports and papers.
 */
describe("passages on long documents", () => {
  let report: PipelineReport;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ report, cleanup } = await evaluateOn(
      (dir) => joinPagesByFolder(join(CORPUS_CIVICACTIONS, "guidebook"), join(dir, "long")),
      ["**/*.md"],
      QUESTIONS_CIVICACTIONS,
      false,
    ));
  }, 120_000);
  afterAll(() => cleanup());

  it("has the passage holding the answer among the top 5 passages", () => {
    expect(report.answerInTopK).toBeGreaterThanOrEqual(0.7);
  });
});

/**
 * The same sets as a server with no model configured answers them: full-text search's best candidates
 * reordered by the local model's sense of their meaning, and the quote chosen by meaning too. The question's
 * words and the handbook's differ more often than full-text search alone can bridge ("my kid is born" /
 * "parental leave"), so the right page ranks first more often (measured 0.94 / 0.821 on 18F, 0.923 / 0.819 on the
 * guidebook, against 0.88 / 0.803 and 0.923 / 0.788 in full-text order: docs/answer-quality.md).
 */
describe.each([
  { ...SETS[0]!, hitAt5: 0.92, mrr: 0.8, holds: 0.46 },
  { ...SETS[1]!, hitAt5: 0.88, mrr: 0.78, holds: 0.6 },
])("the offline default on the $name", ({ corpus, include, questions, hitAt5, mrr, holds }) => {
  let report: PipelineReport;
  let deps: CoreDependencies;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ report, deps, cleanup } = await evaluateOn(
      async () => corpus,
      include,
      questions,
      true,
      null,
      (index) => createCoreDependencies(loadConfig({}, corpus), index, silentLogger(), null),
    ));
  }, 600_000);
  afterAll(() => cleanup());

  it("reorders full-text search's candidates by meaning", () => {
    expect(deps.rerankBy).toBeTruthy();
  });

  it("ranks a relevant page first or near it", () => {
    expect(report.hitAtK).toBeGreaterThanOrEqual(hitAt5);
    expect(report.mrr).toBeGreaterThanOrEqual(mrr);
  });

  it("cites a relevant page first and quotes what was asked, declining at most 10% of the answerable questions", () => {
    const answers = report.answers!;
    expect(answers.firstCitationRelevant).toBeGreaterThanOrEqual(0.72);
    expect(answers.holdsAnswer).toBeGreaterThanOrEqual(holds);
    expect(answers.wronglyDeclined / answers.answerable).toBeLessThanOrEqual(0.1);
    expect(answers.grounded).toBe(1);
  });
});

/**
 * The same sets with the local embedding model (`DOCENT_EMBEDDING_MODEL=local`): hybrid retrieval bridges
 * the words employees use and the words handbooks use ("kid is born" / "parental leave"), so it must find
 * more than full-text alone does.
 */
describe.each(SETS)("hybrid retrieval with the local embedding model on the $name", ({ corpus, include, questions, holdsAnswerHybrid }) => {
  let report: PipelineReport;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ report, cleanup } = await evaluateOn(async () => corpus, include, questions, true, createLocalEmbedder()));
    // Embedding both handbooks takes a minute or two on two cores, more while other test files run.
  }, 600_000);
  afterAll(() => cleanup());

  it("finds a relevant page in the top 5 more often than full-text alone (0.88 on both), and ranks it high", () => {
    expect(report.hitAtK).toBeGreaterThanOrEqual(0.9);
    expect(report.mrr).toBeGreaterThanOrEqual(0.76);
  });

  it("still answers the answerable questions, quoting and citing them", () => {
    const answers = report.answers!;
    expect(answers.wronglyDeclined / answers.answerable).toBeLessThanOrEqual(0.1);
    expect(answers.firstCitationRelevant).toBeGreaterThanOrEqual(0.55);
    expect(answers.grounded).toBe(1);
  });

  it("quotes the answer more often than choosing the quote by its words alone", () => {
    expect(report.answers!.holdsAnswer).toBeGreaterThanOrEqual(holdsAnswerHybrid);
  });
});

/**
 * Indexes a corpus (made in a temp directory when `corpus` builds one) and runs `docent eval` on it, extractive;
 * full-text only and quoted by words alone unless an embedder is given, or as `core` wires the answers.
 */
async function evaluateOn(
  corpus: (dir: string) => Promise<string>,
  include: string[],
  questions: string,
  answers: boolean,
  embedder: Embedder | null = null,
  core?: (index: CoreDependencies["index"]) => CoreDependencies,
): Promise<{ report: PipelineReport; deps: CoreDependencies; cleanup: () => Promise<void> }> {
  const dir = await tempDir();
  const index = await openIndex(join(dir.path, "db"));
  const cleanup = async () => {
    index.close();
    await dir.remove();
  };
  const source = { name: "kb", type: "folder" as const, path: await corpus(dir.path), include, collection: "default", prettyUrls: false };
  expect(failedOutcomes(await syncSources(index, [source], { logger: silentLogger(), embedder }))).toEqual([]);
  const deps: CoreDependencies = core?.(index) ?? {
    index,
    embedder,
    generator: createExtractiveAnswerGenerator({ embedder }),
    scopes: {},
    logger: silentLogger(),
  };
  return { report: await evaluatePipeline(await readQuestionSet(questions), deps, { k: 5, collections: null, answers }), deps, cleanup };
}
