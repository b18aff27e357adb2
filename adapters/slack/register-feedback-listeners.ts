import type { App } from "@slack/bolt";
import { z } from "zod";
import type { DocentCore } from "../../src/core/docent-core.ts";
import type { Logger } from "../../src/logger.ts";
import { slackErrorCode } from "./slack-error-code.ts";
import { createSlackOwnerDelivery } from "./create-slack-owner-delivery.ts";
import { FEEDBACK_REASON_CALLBACK_ID, feedbackReasonModal, readFeedbackReason } from "./feedback-reason-modal.ts";
import { FEEDBACK_ACTION_ID } from "./render-answer-blocks.ts";

export const THANKS = "Thanks for the feedback.";
export const THANKS_DOWN = "Thanks for the feedback. If you like, tell us what went wrong in the form that just opened.";
export const UNKNOWN_ANSWER = "Sorry, I couldn't record that: I no longer have that answer on file.";

/** The parts of a `block_actions` payload a feedback click needs (PLATFORMS.md, feedback block). */
const clickSchema = z.object({
  user: z.object({ id: z.string().min(1) }),
  trigger_id: z.string().optional(),
  channel: z.object({ id: z.string() }).optional(),
  container: z.object({ channel_id: z.string().optional(), thread_ts: z.string().optional() }).passthrough().optional(),
  message: z.object({ ts: z.string(), thread_ts: z.string().optional() }).passthrough().optional(),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().optional() }).passthrough()).min(1),
});
const valueSchema = z.string().regex(/^[A-Za-z0-9_-]{1,100}:(up|down)$/);

/**
 * Thumbs up/down on an answer: acked at once, stored in the core's feedback store against that answer
 * (one vote per person, a second click changes it), confirmed quietly with an ephemeral message, and on
 * thumbs-down an optional reason is asked for in a modal whose submission joins the same vote.
 */
export function registerFeedbackListeners(app: App, options: { core: DocentCore; logger: Logger }): void {
  const { core, logger } = options;

  app.action(FEEDBACK_ACTION_ID, async ({ ack, body, client }) => {
    await ack();
    const click = clickSchema.safeParse(body);
    const value = valueSchema.safeParse(click.success ? click.data.actions[0]!.value : undefined);
    if (!click.success || !value.success) {
      logger.warn("ignored a feedback click with an unexpected payload");
      return;
    }
    const { user, trigger_id: triggerId, channel, container, message } = click.data;
    const separator = value.data.lastIndexOf(":");
    const answerId = value.data.slice(0, separator);
    const rating = value.data.slice(separator + 1) as "up" | "down";
    const channelId = channel?.id ?? container?.channel_id;
    // The trigger id expires three seconds after the click: open the form before the (slower) store write.
    const modal =
      rating === "down" && triggerId
        ? client.views
            .open({ trigger_id: triggerId, view: feedbackReasonModal(answerId, channelId && message ? { channel: channelId, ts: message.ts } : undefined) })
            .then(
              () => true,
              (error: unknown) => {
                logger.warn({ err: slackErrorCode(error) ?? (error as Error).message }, "could not open the feedback form");
                return false;
              },
            )
        : Promise.resolve(false);
    const recorded = await core.feedback.recordFeedback({ answer: answerId, platform: "slack", user: user.id, rating }).catch((error: Error) => {
      logger.error({ err: error }, "could not record Slack feedback");
      return null;
    });
    const formOpened = await modal;
    if (recorded === false) logger.warn({ answer: answerId }, "feedback for an answer the store does not know");
    if (!channelId) return;
    const text = recorded === null ? "Sorry, I couldn't record your feedback just now." : recorded ? (formOpened ? THANKS_DOWN : THANKS) : UNKNOWN_ANSWER;
    await client.chat
      .postEphemeral({ channel: channelId, user: user.id, text, thread_ts: message?.thread_ts ?? container?.thread_ts })
      .catch((error: unknown) => logger.warn({ err: slackErrorCode(error) ?? (error as Error).message }, "could not confirm the feedback"));
  });

  app.view(FEEDBACK_REASON_CALLBACK_ID, async ({ ack, body, view, client }) => {
    await ack();
    const submitted = readFeedbackReason(view);
    if (!submitted) {
      logger.warn("ignored a feedback form with an unexpected payload");
      return;
    }
    if (!submitted.reason) return;
    // No rating: the store keeps the thumbs-down this form followed and adds the comment to it.
    const recorded = await core.feedback
      .recordFeedback({ answer: submitted.answerId, platform: "slack", user: body.user.id, comment: submitted.reason })
      .catch((error: Error) => {
        logger.error({ err: error }, "could not record the feedback reason");
        return true;
      });
    if (!recorded) {
      logger.warn({ answer: submitted.answerId }, "a feedback reason for an answer or vote the store does not know");
      return;
    }
    // The form follows a thumbs-down: its reason goes to the owners of the cited documents (after the ack, never failing it).
    await core.owners.routeDislike({ answer: submitted.answerId, reason: submitted.reason }, createSlackOwnerDelivery(client, submitted.message ?? {}));
  });
}
