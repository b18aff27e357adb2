import { randomUUID } from "node:crypto";
import type { Logger } from "../logger.ts";
import { joinPassages, type AnswerGenerator, type SourcePassage } from "../llm/answer-generator.ts";
import { withoutReferenceMarkers } from "./without-reference-markers.ts";
import type { ChatModel } from "../llm/chat-model.ts";
import type { Embedder } from "../llm/embedder.ts";
import { createExtractiveAnswerGenerator } from "../llm/extractive-answer-generator.ts";
import type { KnowledgeIndex } from "../retrieval/open-index.ts";
import { groupByDocument, type SearchHit } from "../retrieval/search-index.ts";
import { audienceReaders } from "./audience-readers.ts";
import { checkGrounding } from "./check-grounding.ts";
import { collectionsInScope } from "./collections-in-scope.ts";
import { planSearch } from "./plan-search.ts";
import { splitSentences } from "../shared/split-sentences.ts";
import { retrieveForAnswer } from "./retrieve-for-answer.ts";
import type { Answer, Question } from "./types.ts";
import { citeDocument } from "./cite-document.ts";
import { distinctTitles } from "./distinct-titles.ts";
import { verifyCitations } from "./verify-citations.ts";
import { citeOncePerRun } from "./cite-once-per-run.ts";

export interface CoreDependencies {
  index: KnowledgeIndex;
  /** The configured generator: a chat model behind the citation prompt, or the extractive answerer. */
  generator: AnswerGenerator;
  /** Answers when the model fails or cites no given source (default: the extractive answerer, which needs nothing). */
  fallback?: AnswerGenerator;
  /** Plans the searches (standalone question, queries in the knowledge base's words); null in extractive mode. */
  chatModel?: ChatModel | null;
  embedder?: Embedder | null;
  /** Chooses the answer's passages among full-text search's candidates by their meaning too (SearchOptions.rerankBy). */
  rerankBy?: Embedder | null;
  scopes: Record<string, string[]>;
  logger: Logger;
}

export interface AnswerOptions {
  /** Receives the answer text as it is generated (a model's before its citations are verified and renumbered; a quote whole, as final). */
  onDelta?: (delta: string) => void;
  signal?: AbortSignal;
}

const CLOSEST_SOURCES = 3;

/** The best score a document was ranked by, among these hits (0: none has one). */
function documentScoreOf(hits: SearchHit[]): number {
  return Math.max(0, ...hits.map((hit) => hit.documentScore ?? 0));
}

const defaultFallback = createExtractiveAnswerGenerator();

/**
 * The conversation core: question in, answer out. Plan the search (a follow-up made standalone; with a
 * model, searches in the knowledge base's words too), retrieve within the
 * conversation's scope, decline when nothing relevant was found, generate, then verify every citation
 * and check every sentence against the passage it cites.
 */
export async function answerQuestion(question: Question, deps: CoreDependencies, options: AnswerOptions = {}): Promise<Answer> {
  const { logger } = deps;
  const fallback = deps.fallback ?? defaultFallback;
  const text = question.text.trim();
  const plan = await planSearch(text, question.history, { chatModel: deps.chatModel, logger });
  const asked = plan.standalone;
  const collections = collectionsInScope(deps.scopes, `${question.platform}:${question.conversation}`);
  // The closest sources a decline shows come from these same hits, so they are filtered too: a decline
  // never hints at a document the audience may not read.
  const readers = audienceReaders(question.audience);
  const { query, hits, declined: nothingRelevant, absentWords } = await retrieveForAnswer(asked, deps, { collections, readers }, plan.queries);
  if (nothingRelevant) return declined(query, hits);

  // One numbered source per document: two passages of one page are one citation, not two.
  const sources = groupByDocument(hits);
  // SourcePassage.strength. A passage added for its context (a section another points to) has no score of its
  // own; a document with none counts as strong as the best.
  const top = documentScoreOf(hits);
  const strengthOf = (group: SearchHit[]) => {
    const score = documentScoreOf(group);
    return top > 0 && score > 0 ? score / top : undefined;
  };
  const passages: SourcePassage[] = sources.map((group, i) => ({
    n: i + 1,
    title: group[0]!.title,
    heading: group[0]!.heading,
    text: joinPassages(group.map((hit) => withoutReferenceMarkers(hit.text))),
    headings: group.map((hit) => hit.heading),
    updatedAt: group[0]!.updatedAt,
    strength: strengthOf(group),
  }));
  const input = { question: text, query, history: question.history, passages };
  // Only an extractive answer weighs the words no page has; a model reads the sources for itself.
  const extractiveInput = async () => ({ ...input, absentWords: await absentWords() });

  let generated: string;
  let mode: Answer["mode"] = deps.generator.mode;
  let preface = "";
  const extractive = deps.generator.mode === "extractive";
  try {
    // A quote arrives whole: it is shown once checked, in the form the final reply has; a model's answer streams as written.
    generated = await deps.generator.generate(extractive ? await extractiveInput() : input, {
      onDelta: extractive ? undefined : options.onDelta,
      signal: options.signal,
    });
    if (deps.generator.mode === "llm" && verifyCitations(generated, passages.length).used.length === 0) {
      if (looksLikeDecline(generated)) return declined(query, hits);
      logger.warn({ query }, "the model's answer cited no given source; asking once more");
      generated = await deps.generator.generate(input, { signal: options.signal, insistOnCitations: true });
      if (verifyCitations(generated, passages.length).used.length === 0) {
        logger.warn({ query }, "the model's second answer cited no given source either; answering extractively");
        generated = await fallback.generate(await extractiveInput());
        mode = fallback.mode;
      }
    }
  } catch (error) {
    if (deps.generator.mode !== "llm") throw error;
    logger.error({ err: (error as Error).message, query }, "the language model failed; answering extractively");
    generated = await fallback.generate(await extractiveInput());
    mode = fallback.mode;
    preface = "Sorry, the language model isn't responding right now, so this answer is quoted straight from the sources. ";
  }

  const verified = verifyCitations(generated, passages.length);
  if (verified.used.length === 0) return declined(query, hits);
  const cited = verified.used.map((n) => ({ group: sources[n - 1]!, passage: passages[n - 1]! }));
  const checks = checkGrounding(
    verified.text,
    new Map(cited.map(({ passage }, i) => [i + 1, `${passage.title} ${(passage.headings ?? [passage.heading]).join(" ")} ${passage.text}`])),
  );
  const unsupported = checks.filter((check) => !check.supported).map((check) => check.sentence);
  if (verified.removed > 0) logger.warn({ query, removed: verified.removed }, "removed citations to sources that were not given");
  // A quote cites each sentence so that each is checked; read as one answer, a run from one source needs the citation once.
  const answerText = preface + (mode === "extractive" ? citeOncePerRun(verified.text) : verified.text);
  if (extractive) options.onDelta?.(answerText);

  return {
    id: randomUUID(),
    text: answerText,
    citations: distinctTitles(cited.map(({ group }, i) => citeDocument(group, i + 1, citingSentences(verified.text, i + 1) || query))),
    grounded: unsupported.length === 0,
    mode,
    unsupported,
    query,
  };
}

function declined(query: string, hits: SearchHit[]): Answer {
  const closest = groupByDocument(hits).slice(0, CLOSEST_SOURCES);
  const text = closest.length
    ? "I couldn't find an answer to that in the knowledge base. These are the closest sources I found:"
    : "I couldn't find anything about that in the knowledge base.";
  return {
    id: randomUUID(),
    text,
    citations: distinctTitles(closest.map((group, i) => citeDocument(group, i + 1, query))),
    grounded: true,
    mode: "no-answer",
    unsupported: [],
    query,
  };
}

function citingSentences(text: string, n: number): string {
  return splitSentences(text)
    .filter((sentence) => sentence.includes(`[${n}]`))
    .join(" ");
}

function looksLikeDecline(text: string): boolean {
  return /\b(doesn't|does not|don't|do not|couldn't|could not|cannot|can't)\b.{0,40}\b(cover|contain|include|mention|find|know|have)\b|\bno information\b/i.test(
    text,
  );
}
