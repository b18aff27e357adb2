import type { App, webApi } from "@slack/bolt";
import type { Logger } from "../../src/logger.ts";
import { decideReply, type DecideReplyOptions, type ReplyRequest } from "./decide-reply.ts";

/** Answers one question in its thread; never rejects. */
export type QuestionAnswerer = (client: webApi.WebClient, request: ReplyRequest) => Promise<void>;

export interface QuestionListenerOptions {
  answer: QuestionAnswerer;
  /** True the first time a key is claimed on any replica: Slack's retries and double deliveries claim the same key. */
  dedupe: { claim(key: string): Promise<boolean> };
  decide: Omit<DecideReplyOptions, "teamId">;
  logger: Logger;
  /** Keeps answers in flight, so stopping the adapter can wait for them. */
  track: (work: Promise<void>) => void;
  /** Starts an answer once every request in flight (of any platform) has been acknowledged. */
  schedule: (start: () => void) => void;
}

interface EventArgs {
  event: unknown;
  body: { event_id?: string; team_id?: string };
  context: { retryNum?: number; retryReason?: string };
  client: webApi.WebClient;
}

/**
 * `app_mention` and `message` events. Bolt has already acked them; each one is decided on (answer or
 * ignore, and where) and answered in the background, at most once: Slack's retries repeat the event id,
 * and a mention that also arrives as a `message` repeats the channel and timestamp.
 */
export function registerQuestionListeners(app: App, options: QuestionListenerOptions): void {
  const { dedupe, logger } = options;
  const handle = async ({ event, body, context, client }: EventArgs) => {
    if (context.retryNum) logger.debug({ eventId: body.event_id, retry: context.retryNum, reason: context.retryReason }, "Slack retried an event");
    if (body.event_id && !(await dedupe.claim(`event:${body.event_id}`))) {
      logger.debug({ eventId: body.event_id }, "ignored a repeated event");
      return;
    }
    const decision = await decideReply(event, { ...options.decide, teamId: body.team_id ?? null });
    if (!decision.reply) {
      logger.debug({ eventId: body.event_id, reason: decision.reason }, "not answering a Slack event");
      return;
    }
    const { request } = decision;
    if (!(await dedupe.claim(`message:${request.channel}:${request.messageTs}`))) {
      logger.debug({ eventId: body.event_id }, "this message is already being answered");
      return;
    }
    logger.debug({ eventId: body.event_id, trigger: request.trigger, channel: request.channel, thread: request.threadTs }, "answering a Slack event");
    // The event is acked already; the answer starts when every request of the burst has been acked too
    // (Slack retries after 3 s).
    options.schedule(() => options.track(options.answer(client, request)));
  };
  app.event("app_mention", handle);
  app.event("message", handle);
}
