import type { AnswerGenerator } from "./answer-generator.ts";
import { buildAnswerMessages } from "./answer-prompt.ts";
import type { ChatModel } from "./chat-model.ts";

/** Answers through a chat model, behind the citation-enforcing prompt. */
export function createChatAnswerGenerator(model: ChatModel): AnswerGenerator {
  return {
    mode: "llm",
    name: model.name,
    generate(input, options = {}) {
      return model.complete(buildAnswerMessages(input, { insistOnCitations: options.insistOnCitations }), {
        onDelta: options.onDelta,
        signal: options.signal,
        temperature: 0.1,
        maxTokens: 700,
      });
    },
  };
}
