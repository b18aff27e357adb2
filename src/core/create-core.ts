import type { Config } from "../config.ts";
import type { Logger } from "../logger.ts";
import type { AnswerGenerator } from "../llm/answer-generator.ts";
import { createChatAnswerGenerator } from "../llm/chat-answer-generator.ts";
import type { ChatModel } from "../llm/chat-model.ts";
import type { Embedder } from "../llm/embedder.ts";
import { createExtractiveAnswerGenerator } from "../llm/extractive-answer-generator.ts";
import { createLocalEmbedder } from "../llm/local-embedder.ts";
import { createOpenAIChatModel } from "../llm/openai-chat-model.ts";
import type { KnowledgeIndex } from "../retrieval/open-index.ts";
import type { CoreDependencies } from "./answer-question.ts";

/** Wires the core from configuration: a chat model when one is configured, else the extractive answerer. */
export function createCoreDependencies(config: Config, index: KnowledgeIndex, logger: Logger, embedder: Embedder | null): CoreDependencies {
  const chatModel: ChatModel | null = config.llm
    ? createOpenAIChatModel({ model: config.llm.chatModel, apiKey: config.llm.apiKey, baseURL: config.llm.baseURL, timeoutMs: config.llm.timeoutMs, logger })
    : null;
  // The quote is chosen by meaning too, by the embedding model (a model server is sent the sources' sentences,
  // a hundred or so per answer, in one call) or, without one, by the local model: retrieval stays full-text, and
  // on twelve knowledge bases the answer held what was asked 214 → 254 times in 502 (docs/answer-quality.md).
  // The local model starts with the first search when it reorders the candidates (the default without a chat
  // model), else when an extractive answer is written (with a chat model, on its failures).
  const rerankBy = rerankModel(config.rerankByMeaning.answers, embedder);
  const quoteEmbedder = config.quoteByMeaning ? (rerankBy ?? embedder ?? createLocalEmbedder()) : null;
  const extractive = createExtractiveAnswerGenerator({ embedder: quoteEmbedder, logger });
  const generator: AnswerGenerator = chatModel ? createChatAnswerGenerator(chatModel) : extractive;
  return { index, generator, fallback: extractive, chatModel, embedder, rerankBy, scopes: config.scopes, logger };
}

/**
 * The model that reorders full-text search's candidates by meaning (Config.rerankByMeaning): the embedding
 * model when one is configured, else the local one; null when they are not reordered.
 */
export function rerankModel(reorders: boolean, embedder: Embedder | null): Embedder | null {
  return reorders ? (embedder ?? createLocalEmbedder()) : null;
}
