import { ActivityTypes, type CloudAdapter, type TurnContext } from "botbuilder";
import type { DocentCore } from "../../src/core/docent-core.ts";
import type { Logger } from "../../src/logger.ts";
import { answerTeamsQuestion } from "./answer-teams-question.ts";
import { createConversationSender, type ConversationsApi } from "./create-conversation-sender.ts";
import { readFeedbackInvoke } from "./read-feedback-invoke.ts";
import { teamsAnswerRef } from "./teams-answer-ref.ts";
import { readTeamsQuestion } from "./read-teams-question.ts";

export interface TurnHandlerOptions {
  core: DocentCore;
  logger: Logger;
  botAdapter: CloudAdapter;
  /** Starts work that outlives the turn (after the turn's HTTP response), so `stop()` can wait for it. */
  runInBackground: (start: () => Promise<void>) => void;
  streamIntervalMs?: number;
}

/**
 * The bot's logic for one incoming activity. A message is answered after the turn: Teams expects the
 * HTTP response within seconds and retries slow ones, and CloudAdapter.process resolves only when this
 * function does — so it only reads the question, starts the work, and returns. Feedback is recorded
 * before the invoke is answered, which takes milliseconds.
 */
export function createTurnHandler(options: TurnHandlerOptions): (context: TurnContext) => Promise<void> {
  const { core, logger, botAdapter } = options;
  // Teams allows one stream per chat at a time: a second question asked meanwhile is answered in one message.
  const streamingChats = new Set<string>();

  return async (context) => {
    const activity = context.activity;
    if (activity.type === ActivityTypes.Message) {
      const incoming = readTeamsQuestion(activity);
      if (!incoming) return;
      const connector = context.turnState.get(botAdapter.ConnectorClientKey) as { conversations: ConversationsApi };
      const sender = createConversationSender(connector.conversations, activity);
      const chat = activity.conversation.id;
      const stream = incoming.scope === "personal" && activity.channelId === "msteams" && !streamingChats.has(chat);
      if (stream) streamingChats.add(chat);
      options.runInBackground(() =>
        answerTeamsQuestion(incoming, { core, logger, sender, stream, streamIntervalMs: options.streamIntervalMs }).finally(() => {
          if (stream) streamingChats.delete(chat);
        }),
      );
      return;
    }

    if (activity.type === ActivityTypes.Invoke && activity.name === "message/submitAction") {
      const vote = readFeedbackInvoke(activity.value);
      if (!vote || !activity.replyToId) {
        await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 400 } });
        return;
      }
      const user = activity.from.aadObjectId ?? activity.from.id;
      try {
        const recorded = await core.feedback.recordFeedback({ answer: teamsAnswerRef(activity.conversation.id, activity.replyToId), platform: "teams", user, ...vote });
        if (!recorded) logger.warn({ replyToId: activity.replyToId }, "Teams feedback on a message that is not a known answer");
      } catch (error) {
        // The user can do nothing about our store: Teams still gets its 200, the log gets the detail.
        logger.error({ err: error, replyToId: activity.replyToId }, "could not record Teams feedback");
      }
      // Teams wants 200 with an empty body here; anything in the body makes it show an error.
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200 } });
      return;
    }
    if (activity.type === ActivityTypes.Invoke) {
      // An invoke this bot never offered (botbuilder would say 501) is a bad request from the sender's
      // side, not a failure of ours: 400, so monitoring never mistakes it for a server error.
      logger.info({ name: activity.name }, "declined a Teams invoke this bot does not handle");
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 400 } });
    }
    // Every other activity (conversation updates, reactions) gets botbuilder's default: 200.
  };
}
