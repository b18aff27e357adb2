import { collectionsInScope } from "../../src/core/collections-in-scope.ts";
import type { Logger } from "../../src/logger.ts";
import { listTopDocuments } from "../../src/retrieval/list-top-documents.ts";
import type { KnowledgeIndex } from "../../src/retrieval/open-index.ts";
import { SUGGESTED_PROMPTS, type SuggestedPrompt } from "./generic-prompts.ts";

/** Slack shows at most four suggested prompts. */
export const MAX_PROMPTS = 4;
/** Short enough for Slack's prompt buttons to show whole. */
const MAX_TITLE_CHARS = 40;
/** The index changes with syncs only; its topics are read again after this long. */
const TOPICS_TTL_MS = 10 * 60_000;
/** More candidates than prompts: some titles repeat ("Overview", "README") or say nothing. */
const CANDIDATES = 16;

export interface PromptChooserOptions {
  /** Prompts from the config file; when given, they are used as they are. */
  configured: SuggestedPrompt[];
  scopes: Record<string, string[]>;
  /** Null before the server has an index to read (prompts then fall back to the generic ones). */
  index: () => KnowledgeIndex | null;
  logger: Logger;
  now?: () => number;
}

/** The prompts to offer in one conversation (Slack channel or DM id). Never rejects. */
export type PromptChooser = (channel: string) => Promise<SuggestedPrompt[]>;

/**
 * Picks the suggested prompts for a conversation: the configured ones; else one question about each of
 * the documents the index covers best (most passages, taking turns between sources), limited to the
 * collections the conversation may read, so no prompt leads to "the knowledge base doesn't cover it";
 * else Slack's generic list.
 */
export function createPromptChooser(options: PromptChooserOptions): PromptChooser {
  const now = options.now ?? Date.now;
  const cache = new Map<string, { at: number; prompts: Promise<SuggestedPrompt[]> }>();

  const fromIndex = async (collections: string[] | null): Promise<SuggestedPrompt[]> => {
    const table = await options.index()?.table();
    if (!table) return [];
    const documents = await listTopDocuments(table, { collections, limit: CANDIDATES });
    const prompts: SuggestedPrompt[] = [];
    const seen = new Set<string>();
    for (const { title } of documents) {
      const topic = topicOf(title);
      if (!topic || seen.has(topic.toLowerCase())) continue;
      seen.add(topic.toLowerCase());
      prompts.push({ title: shorten(topic, MAX_TITLE_CHARS), message: `What do our documents say about ${shorten(topic, 200)}?` });
      if (prompts.length === MAX_PROMPTS) break;
    }
    return prompts;
  };

  return async (channel) => {
    if (options.configured.length) return options.configured.slice(0, MAX_PROMPTS);
    const collections = collectionsInScope(options.scopes, `slack:${channel}`);
    const key = collections ? [...collections].sort().join(",") : "*";
    let cached = cache.get(key);
    if (!cached || now() - cached.at > TOPICS_TTL_MS) {
      cached = { at: now(), prompts: fromIndex(collections) };
      cache.set(key, cached);
    }
    try {
      const prompts = await cached.prompts;
      return prompts.length ? prompts : SUGGESTED_PROMPTS;
    } catch (error) {
      // An index that cannot be read now must not leave the conversation without prompts; try again next time.
      cache.delete(key);
      options.logger.warn({ err: (error as Error).message }, "could not read the index's topics; suggesting the generic prompts");
      return SUGGESTED_PROMPTS;
    }
  };
}

/**
 * A document title as a topic, kept as written (lower-casing "Parental Leave" would lower-case names too).
 * A title that is only a file name, a number or a generic page name says nothing about the content.
 */
function topicOf(title: string): string | null {
  const topic = title.replace(/\s+/g, " ").trim();
  if (topic.length < 3 || !/\p{L}{3}/u.test(topic)) return null;
  if (/^(readme|index|untitled|home|overview)(\.\w+)?$/i.test(topic) || /\.(md|mdx|txt|html?|pdf|docx)$/i.test(topic)) return null;
  return topic;
}

function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
