import { z } from "zod";
import type { Logger } from "../logger.ts";
import type { ChatModel } from "../llm/chat-model.ts";
import { carryTopic } from "./carry-topic.ts";
import type { Turn } from "./types.ts";

export interface SearchPlan {
  /** The question as it stands on its own (a follow-up completed from its thread). */
  standalone: string;
  /** Further searches in the knowledge base's likely vocabulary; searched beside the asker's own words. */
  queries: string[];
}

export const PLAN_INSTRUCTIONS = `You prepare searches of a company's internal knowledge base (handbook, policies, how-to pages).
Given an employee's latest message (and the conversation before it, if any), reply with JSON only:
{"question": "<the latest message rewritten as one standalone question, keeping its meaning and language>",
 "queries": ["<2 or 3 short keyword searches in the words a handbook or policy page would use for this: formal terms, synonyms, the policy's likely name>"]}
Do not answer the question. Do not invent names, numbers or facts.`;

const planSchema = z.object({
  question: z.string().trim().min(1).max(500),
  queries: z.array(z.string().trim().min(1).max(200)).max(5).default([]),
});

const MAX_QUERIES = 3;

/**
 * With a chat model: one call turns the message (and its thread) into a standalone question plus 2-3
 * searches in the knowledge base's vocabulary, because employees ask "when my kid is born" where pages
 * say "parental leave". Without one, or when the call fails or replies with something unusable, the
 * follow-up keeps its thread's topic by rule and only the asker's own words are searched.
 */
export async function planSearch(
  text: string,
  history: Turn[],
  options: { chatModel?: ChatModel | null; logger: Logger; timeoutMs?: number },
): Promise<SearchPlan> {
  // The last question only. Carried along the thread ("what about my partner?" after "is it paid?" after a
  // pregnancy question), the topic also drowned the new aspect of "what about sick days?" after "does it roll
  // over?" after a vacation question, and on 60 threads it quoted one answer fewer (docs/answer-quality.md).
  const previous = history.filter((turn) => turn.role === "user").at(-1)?.text;
  const fallback = (): SearchPlan => ({ standalone: carryTopic(text, previous), queries: [] });
  if (!options.chatModel) return fallback();
  try {
    const conversation = history.length
      ? `Conversation so far:\n${history
          .slice(-6)
          .map((t) => `${t.role}: ${t.text.slice(0, 600)}`)
          .join("\n")}\n\n`
      : "";
    const reply = await options.chatModel.complete(
      [
        { role: "system", content: PLAN_INSTRUCTIONS },
        { role: "user", content: `${conversation}Latest message: ${text}` },
      ],
      { signal: AbortSignal.timeout(options.timeoutMs ?? 8000), maxTokens: 200, temperature: 0 },
    );
    const plan = readPlan(reply);
    if (plan) return plan;
    options.logger.warn({ reply: reply.slice(0, 200) }, "the model's search plan was not usable; searching the asker's own words");
  } catch (error) {
    options.logger.warn({ err: (error as Error).message }, "planning the search with the model failed; searching the asker's own words");
  }
  return fallback();
}

/** The JSON object in a reply (models sometimes wrap it in a code fence or a sentence), validated. */
export function readPlan(reply: string): SearchPlan | null {
  const json = /\{[\s\S]*\}/.exec(reply)?.[0];
  if (!json) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return null;
  }
  const parsed = planSchema.safeParse(raw);
  if (!parsed.success) return null;
  const queries = [...new Set(parsed.data.queries)].filter((q) => q !== parsed.data.question).slice(0, MAX_QUERIES);
  return { standalone: parsed.data.question, queries };
}
