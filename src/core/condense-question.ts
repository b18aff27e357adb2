import type { Logger } from "../logger.ts";
import type { ChatModel } from "../llm/chat-model.ts";
import { contentTerms } from "./content-terms.ts";
import type { Turn } from "./types.ts";

const FOLLOW_UP_START = /^(and|but|also|or|so|what about|how about|same|for|is it|does it|do they|is that|are they|what if|and if|then|ok|okay)\b/i;
const REFERS_BACK = /\b(it|that|this|they|them|those|these|there|then|same|one)\b/i;

/**
 * Turns a follow-up into a question that stands on its own, because retrieval sees only the query:
 * "and for contractors?" after a leave question must still search for leave. With a chat model the
 * model rewrites it; without one (or when it fails), the earlier question's topic words are carried over.
 */
export async function condenseQuestion(text: string, history: Turn[], options: { chatModel?: ChatModel | null; logger: Logger; timeoutMs?: number }): Promise<string> {
  const previous = history.filter((turn) => turn.role === "user").at(-1);
  if (!previous) return text;
  if (options.chatModel) {
    try {
      const rewritten = await options.chatModel.complete(
        [
          {
            role: "system",
            content:
              "Rewrite the user's latest message as one standalone question that can be understood without the conversation. Keep its meaning and language; add only the context it needs from earlier turns. Reply with the question alone.",
          },
          { role: "user", content: `Conversation:\n${history.slice(-6).map((t) => `${t.role}: ${t.text.slice(0, 600)}`).join("\n")}\n\nLatest message: ${text}` },
        ],
        { signal: AbortSignal.timeout(options.timeoutMs ?? 8000), maxTokens: 120, temperature: 0 },
      );
      const line = rewritten.trim().split("\n")[0]?.replace(/^["']|["']$/g, "").trim();
      if (line && line.length <= 500) return line;
    } catch (error) {
      options.logger.warn({ err: (error as Error).message }, "condensing the follow-up with the model failed; carrying the topic over instead");
    }
  }
  return carryTopic(text, previous.text);
}

/** The deterministic rule: a short or back-referring follow-up inherits the previous question's topic words. */
function carryTopic(text: string, previousQuestion: string): string {
  const own = contentTerms(text);
  const isFollowUp = own.length < 4 || FOLLOW_UP_START.test(text.trim()) || REFERS_BACK.test(text);
  if (!isFollowUp) return text;
  const topic = [...new Set(previousQuestion.replace(/[?!.]+/g, " ").split(/\s+/))]
    .filter((word) => contentTerms(word).length > 0)
    .join(" ");
  return `${topic} ${text}`.trim();
}
