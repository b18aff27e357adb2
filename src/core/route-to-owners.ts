import type { FeedbackStore } from "../feedback/feedback-store.ts";
import type { StoredAnswer } from "../feedback/feedback-tables.ts";
import { DEFAULT_SIMILARITY_THRESHOLD, questionSimilarity, type QuestionToGroup } from "../feedback/group-similar-questions.ts";
import type { Logger } from "../logger.ts";
import type { KnowledgeIndex } from "../retrieval/open-index.ts";
import type { DocumentOwner } from "../shared/document-owner.ts";
import { readDocumentOwners } from "../retrieval/read-document-owners.ts";
import { termSet } from "../shared/content-terms.ts";
import { sha256 } from "../shared/sha256.ts";
import type { SharedState } from "../state/shared-state.ts";

/** What an owner is told about a disliked answer. */
export interface OwnerNotice {
  question: string;
  /** The answer, shortened to a few sentences' worth. */
  answer: string;
  reason: string;
  /** Where the answer can be seen (a Slack permalink, a Teams message link), when the platform gives one. */
  link: string | null;
  /** The cited documents this owner answers for. */
  docIds: string[];
}

/** How an adapter reaches owners on its own platform. */
export interface OwnerDelivery {
  /** Which of an owner's targets this delivery posts to. */
  platform: "slack" | "teams";
  /** Posts one notice to one target (a Slack user or channel id, a Teams channel conversation id). */
  send(target: string, notice: OwnerNotice): Promise<void>;
  /** The disliked answer's link; asked only when something is about to be posted. */
  link?(): Promise<string | null>;
}

export interface DislikeToRoute {
  /** The answer's id, or the platform's reference to it (a Teams message). */
  answer: string;
  /** The reason given with the 👎: without one, nothing is routed (an owner can do nothing with a bare 👎). */
  reason: string | null | undefined;
}

export interface OwnerRouting {
  /**
   * Posts a 👎 with its reason to the owners of the documents the answer cited, on the delivery's platform,
   * at most once per gap (similar questions, as knowledge gaps group them) per owner and day, on any replica.
   * Never throws: a failure is logged and the feedback it follows is unaffected. Resolves with the owners told.
   */
  routeDislike(dislike: DislikeToRoute, delivery?: OwnerDelivery): Promise<number>;
  /**
   * A platform's standing delivery, used for feedback that arrives without one of its own (the playground):
   * the Slack adapter offers its Web API client. One per platform; a later offer replaces an earlier one.
   */
  offer(delivery: OwnerDelivery): void;
}

export interface OwnerRoutingOptions {
  index: KnowledgeIndex;
  feedback: Pick<FeedbackStore, "findAnswer">;
  state: SharedState;
  logger: Logger;
  now?: () => number;
}

/** Claims and the day's routed questions outlive the day they are keyed by, whatever the time zone of the clock. */
const DAY_MS = 24 * 60 * 60 * 1000;
const CLAIM_TTL_MS = DAY_MS + 60 * 60 * 1000;
const MAX_ROUTED_PER_DAY = 200;
export const NOTICE_ANSWER_CHARS = 400;

export function createOwnerRouting(options: OwnerRoutingOptions): OwnerRouting {
  const context: RoutingContext = { ...options, now: options.now ?? Date.now };
  const offered = new Map<string, OwnerDelivery>();
  return {
    offer(delivery) {
      offered.set(delivery.platform, delivery);
    },
    async routeDislike(dislike, delivery) {
      const reason = dislike.reason?.trim();
      if (!reason) return 0;
      // The answer and its documents' owners are looked up once, whichever platforms the owners are told on.
      const cited = await citedOwners(context, dislike.answer);
      if (!cited) return 0;
      let told = 0;
      for (const chosen of delivery ? [delivery] : [...offered.values()]) told += await routeOn(context, cited, reason, chosen);
      return told;
    },
  };
}

type RoutingContext = Omit<OwnerRoutingOptions, "now"> & { now: () => number };

interface CitedOwners {
  answer: StoredAnswer;
  owners: Map<string, DocumentOwner>;
}

/** The disliked answer and the owners of the documents it cited; null when there is nobody to tell. */
async function citedOwners(context: RoutingContext, answerRef: string): Promise<CitedOwners | null> {
  try {
    const answer = await context.feedback.findAnswer(answerRef);
    // A declined question lists only the closest sources, which it did not cite: the gap list has it, no owner is paged.
    if (!answer || answer.mode === "no-answer" || answer.docIds.length === 0) return null;
    return { answer, owners: await readDocumentOwners(context.index, answer.docIds) };
  } catch (error) {
    context.logger.warn({ err: (error as Error).message }, "owner routing failed; the feedback itself is stored");
    return null;
  }
}

/** Tells each owner of a document the disliked answer cited, once per gap and day; resolves with how many were told. */
async function routeOn(context: RoutingContext, { answer, owners }: CitedOwners, reason: string, delivery: OwnerDelivery): Promise<number> {
  const { logger } = context;
  try {
    const targets = ownedDocuments(owners, delivery.platform);
    if (targets.size === 0) {
      logger.debug({ answer: answer.id, platform: delivery.platform }, "owner routing: the cited documents have no owner here");
      return 0;
    }
    const ask: QuestionToGroup = { question: answer.question, docIds: answer.docIds };
    let link: Promise<string | null> | undefined;
    let told = 0;
    for (const [target, docIds] of targets) {
      if (!(await claimGap(context, delivery.platform, target, ask))) {
        logger.info({ answer: answer.id, platform: delivery.platform, owner: target }, "owner routing: this gap was already routed to its owner today");
        continue;
      }
      link ??= answerLink(delivery, logger);
      const notice: OwnerNotice = { question: answer.question, answer: shorten(answer.answer, NOTICE_ANSWER_CHARS), reason, link: await link, docIds };
      if (await tellOwner(delivery, target, notice, { answer: answer.id, logger })) told++;
    }
    return told;
  } catch (error) {
    logger.warn({ err: (error as Error).message }, "owner routing failed; the feedback itself is stored");
    return 0;
  }
}

function answerLink(delivery: OwnerDelivery, logger: Logger): Promise<string | null> {
  return (delivery.link?.() ?? Promise.resolve(null)).catch((error: Error) => {
    logger.warn({ err: error.message }, "owner routing: could not get the answer's link");
    return null;
  });
}

async function tellOwner(delivery: OwnerDelivery, target: string, notice: OwnerNotice, about: { answer: string; logger: Logger }): Promise<boolean> {
  const { answer, logger } = about;
  try {
    await delivery.send(target, notice);
    logger.info({ answer, platform: delivery.platform, owner: target, docIds: notice.docIds }, "owner routing: told the owner about a disliked answer");
    return true;
  } catch (error) {
    logger.warn({ err: (error as Error).message, platform: delivery.platform, owner: target }, "owner routing: could not post to the owner");
    return false;
  }
}

/**
 * True once per gap, owner and day. A question like one already routed today (the gap grouping's own
 * similarity: wording and cited documents) is the same gap; otherwise the gap is keyed by its terms and
 * documents, claimed in the shared state so that two replicas never both post it.
 */
async function claimGap(context: RoutingContext, platform: string, target: string, ask: QuestionToGroup): Promise<boolean> {
  const { state } = context;
  const day = new Date(context.now()).toISOString().slice(0, 10);
  const listKey = `owner-routing:${platform}:${target}:${day}`;
  const routed = (await state.readList(listKey)).flatMap((item) => {
    try {
      return [JSON.parse(item) as QuestionToGroup];
    } catch {
      return [];
    }
  });
  if (routed.some((earlier) => questionSimilarity(earlier, ask) >= DEFAULT_SIMILARITY_THRESHOLD)) return false;
  const gapKey = sha256(JSON.stringify([[...termSet(ask.question)].sort(), [...new Set(ask.docIds)].sort()])).slice(0, 16);
  if (!(await state.claim(`${listKey}:${gapKey}`, CLAIM_TTL_MS))) return false;
  await state.appendToList(listKey, [JSON.stringify(ask)], { maxLength: MAX_ROUTED_PER_DAY, ttlMs: CLAIM_TTL_MS });
  return true;
}

/** Each owner target on the platform, with the cited documents it answers for. */
function ownedDocuments(owners: Map<string, { slack?: string; teams?: string }>, platform: "slack" | "teams"): Map<string, string[]> {
  const targets = new Map<string, string[]>();
  for (const [docId, owner] of owners) {
    const target = owner[platform];
    if (target) targets.set(target, [...(targets.get(target) ?? []), docId]);
  }
  return targets;
}

/** The first `max` characters, cut at a word, with an ellipsis when anything was cut. */
function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  return `${cut.slice(0, cut.lastIndexOf(" ") > max / 2 ? cut.lastIndexOf(" ") : max).trimEnd()}…`;
}
