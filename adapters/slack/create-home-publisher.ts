import type { webApi } from "@slack/bolt";
import type { Config } from "../../src/config.ts";
import { collectionsInScope } from "../../src/core/collections-in-scope.ts";
import { readRecentQuestions } from "../../src/feedback/recent-questions.ts";
import type { Logger } from "../../src/logger.ts";
import type { KnowledgeIndex } from "../../src/retrieval/open-index.ts";
import { readSourceStatuses, type SourceStatus } from "../../src/retrieval/read-source-statuses.ts";
import { createDedupeWindow } from "./create-dedupe-window.ts";
import { slackErrorCode } from "./slack-error-code.ts";
import { renderHomeView } from "./render-home-view.ts";

/** How many of a person's latest questions the Home tab lists. */
export const RECENT_QUESTIONS_SHOWN = 5;
/**
 * Opening the Home tab again within this long shows the view already published: clicking back and forth
 * must not cost an index scan and a views.publish each time.
 */
export const HOME_REPUBLISH_MS = 15_000;
/** Many people opening the Home tab at once (after an announcement, say) share one read of the sources' status. */
const STATUS_TTL_MS = 10_000;

export interface HomePublisherOptions {
  config: Pick<Config, "sources" | "scopes" | "syncIntervalMs">;
  /** Null before the server has an index to read. */
  index: () => KnowledgeIndex | null;
  botUserId: string;
  logger: Logger;
  republishMs?: number;
  now?: () => number;
}

/** Publishes one person's Home tab; resolves when done or skipped, never rejects. */
export type HomePublisher = (client: webApi.WebClient, user: string) => Promise<void>;

/**
 * Builds and publishes the Home tab for whoever opened it, at most once per person every
 * HOME_REPUBLISH_MS. What cannot be read just now (the index, the answer store) is said so in the view
 * rather than failing it; a refused views.publish (Home tab switched off) is logged and costs nothing else.
 */
export function createHomePublisher(options: HomePublisherOptions): HomePublisher {
  const { logger } = options;
  const now = options.now ?? Date.now;
  const recently = createDedupeWindow({ ttlMs: options.republishMs ?? HOME_REPUBLISH_MS, maxKeys: 50_000, now });
  let statuses: { at: number; value: Promise<SourceStatus[] | null> } | null = null;
  const readStatuses = (index: KnowledgeIndex) => {
    if (!statuses || now() - statuses.at > STATUS_TTL_MS) {
      const value = readSourceStatuses(index, options.config.sources).catch((error: Error) => {
        logger.warn({ err: error.message }, "could not read the sources' status for the Home tab");
        statuses = null;
        return null;
      });
      statuses = { at: now(), value };
    }
    return statuses.value;
  };
  return async (client, user) => {
    if (!recently.claim(user)) {
      logger.debug("the Home tab was published for this person a moment ago");
      return;
    }
    const index = options.index();
    const [sources, recentQuestions] = await Promise.all([
      index ? readStatuses(index) : null,
      index
        ? readRecentQuestions(index.connection, { platform: "slack", user, limit: RECENT_QUESTIONS_SHOWN }).catch((error: Error) => {
            logger.warn({ err: error.message }, "could not read recent questions for the Home tab");
            return null;
          })
        : null,
    ]);
    const view = renderHomeView({
      botUserId: options.botUserId,
      sources,
      openCollections: collectionsInScope(options.config.scopes, null),
      syncIntervalMs: options.config.syncIntervalMs,
      recentQuestions,
      now: now(),
    });
    try {
      await client.views.publish({ user_id: user, view });
    } catch (error) {
      // Who it was for stays out of the log: people are never named in Docent's records.
      logger.warn({ err: slackErrorCode(error) ?? (error as Error).message }, "could not publish the Home tab (is it switched on in the app's settings?)");
    }
  };
}
