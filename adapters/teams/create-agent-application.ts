import { Activity, ActivityTypes } from "@microsoft/agents-activity";
import { AgentApplication, type CloudAdapter, type TurnContext, type TurnState } from "@microsoft/agents-hosting";
import type { DocentCore } from "../../src/core/docent-core.ts";
import type { Logger } from "../../src/logger.ts";
import { answerTeamsQuestion } from "./answer-teams-question.ts";
import { createConversationSender, type ConversationsApi } from "./create-conversation-sender.ts";
import { readTeamsQuestion, scopeOf } from "./read-teams-question.ts";
import { recordFeedbackInvoke } from "./record-feedback-invoke.ts";
import { renderWelcomeMessage } from "./render-welcome-message.ts";
import { createTeamsReply } from "./teams-reply.ts";

export interface AgentApplicationOptions {
  core: DocentCore;
  logger: Logger;
  adapter: CloudAdapter;
  /** The configured sources' names, for the welcome message. */
  sourceNames: string[];
  /** Starts work that outlives the turn (after the turn's HTTP response), so `stop()` can wait for it. */
  runInBackground: (start: () => Promise<void>) => void;
  streamIntervalMs?: number;
}

/**
 * The bot's turn logic as an Agents SDK AgentApplication, one route per kind of activity. A message is
 * answered after the turn: Teams expects the HTTP response within seconds and retries slow ones, and
 * CloudAdapter.process resolves only when the turn does — so a route only reads the question, starts
 * the work, and returns. Feedback is recorded before the invoke is answered, which takes milliseconds.
 */
export function createAgentApplication(options: AgentApplicationOptions): AgentApplication<TurnState> {
  const { core, logger, adapter } = options;
  // We remove the bot's mention ourselves (strip-bot-mention.ts): the SDK's removal would also hide
  // whether the bot was mentioned at all, which decides if a channel message is a question.
  const app = new AgentApplication<TurnState>({ adapter, removeRecipientMention: false, normalizeMentions: false, startTypingTimer: false });
  // Teams allows one stream per chat at a time: a second question asked meanwhile is answered in one message.
  const streamingChats = new Set<string>();
  const senderFor = (context: TurnContext) =>
    createConversationSender(context.turnState.get(adapter.ConnectorClientKey) as ConversationsApi, context.activity);

  app.onActivity(ActivityTypes.Message, async (context) => {
    const incoming = readTeamsQuestion(context.activity);
    if (!incoming) return;
    const chat = context.activity.conversation!.id;
    const stream = incoming.scope === "personal" && context.activity.channelId === "msteams" && !streamingChats.has(chat);
    if (stream) streamingChats.add(chat);
    const reply = createTeamsReply({
      sender: senderFor(context),
      conversation: incoming.question.conversation,
      stream,
      streamIntervalMs: options.streamIntervalMs,
      logger: logger.child({ conversation: incoming.question.conversation }),
    });
    options.runInBackground(() =>
      answerTeamsQuestion(incoming.question, reply, { core, logger }).finally(() => {
        if (stream) streamingChats.delete(chat);
      }),
    );
  });

  // Installing the app adds the bot to the conversation: Teams says so with a conversationUpdate whose
  // membersAdded names the bot, in every scope. People joining later are added too, but never the bot.
  app.onConversationUpdate("membersAdded", async (context) => {
    const activity = context.activity;
    if (!activity.membersAdded?.some((member) => member.id === activity.recipient?.id)) return;
    const text = renderWelcomeMessage({ botName: activity.recipient?.name || "Docent", sources: options.sourceNames, scope: scopeOf(activity) });
    const sender = senderFor(context);
    options.runInBackground(() =>
      sender
        .send({ type: "message", text }, { reply: false })
        .then(() => undefined)
        .catch((error: Error) => logger.warn({ err: error.message }, "could not send the Teams welcome message")),
    );
  });

  app.onActivity(ActivityTypes.Invoke, async (context) => {
    const activity: Activity = context.activity;
    let status: number;
    if (activity.name === "message/submitAction") {
      status = await recordFeedbackInvoke(activity, core.feedback, logger);
    } else {
      // An invoke this bot never offered (the SDK would say 501) is a bad request from the sender's
      // side, not a failure of ours: 400, so monitoring never mistakes it for a server error.
      logger.info({ name: activity.name }, "declined a Teams invoke this bot does not handle");
      status = 400;
    }
    // Teams wants 200 with an empty body for feedback; anything in the body makes it show an error.
    await context.sendActivity(Activity.fromObject({ type: ActivityTypes.InvokeResponse, value: { status } }));
  });
  // Every other activity (installationUpdate, reactions, …) matches no route: the SDK answers 200.
  return app;
}
