import { ActivityHandler, type CloudAdapter, type InvokeResponse, type TurnContext } from "@microsoft/agents-hosting";
import type { Activity } from "@microsoft/agents-activity";
import { answerInThread } from "../../src/core/answer-in-thread.ts";
import type { Question } from "../../src/core/types.ts";
import type { DocentCore } from "../../src/core/docent-core.ts";
import type { Logger } from "../../src/logger.ts";
import type { AskerPrincipals } from "./create-asker-principals.ts";
import { createConversationSender, type ConversationsApi } from "./create-conversation-sender.ts";
import { readTeamsQuestion, scopeOf } from "./read-teams-question.ts";
import { recordFeedbackInvoke } from "./record-feedback-invoke.ts";
import { createTeamsOwnerDelivery } from "./create-teams-owner-delivery.ts";
import { answerVerifiedAction, FETCH_TASK, SUBMIT_ACTION } from "./answer-verified-action.ts";
import { renderWelcomeMessage } from "./render-welcome-message.ts";
import { createTeamsReply } from "./teams-reply.ts";

export interface ActivityHandlerOptions {
  core: DocentCore;
  logger: Logger;
  adapter: CloudAdapter;
  /** The configured sources' names, for the welcome message. */
  sourceNames: string[];
  /** Microsoft Entra object ids allowed to save verified answers (the config file's `verified.teamsUsers`), lower case. */
  verifiers?: string[];
  /** Starts work that outlives the turn (after the turn's HTTP response), so `stop()` can wait for it. */
  runInBackground: (start: () => Promise<void>) => void;
  streamIntervalMs?: number;
  /** The asker's UPN and groups from Graph, added to a personal chat's audience; absent: only what the activity says. */
  askerPrincipals?: AskerPrincipals;
}

/**
 * The bot's turn logic on the Agents SDK's ActivityHandler (its AgentApplication parses every activity
 * twice more for its telemetry and loads turn state we do not keep: +40% CPU per activity before the
 * acknowledgement, measured). A message is answered after the turn: Teams expects the HTTP response
 * within seconds and retries slow ones, and CloudAdapter.process resolves only when the turn does — so a
 * handler only reads the question, starts the work, and returns. Feedback is recorded before the invoke
 * is answered, which takes milliseconds.
 */
export function createActivityHandler(options: ActivityHandlerOptions): ActivityHandler {
  const { core, logger, adapter } = options;
  // Teams allows one stream per chat at a time: a second question asked meanwhile is answered in one message.
  const streamingChats = new Set<string>();
  const senderFor = (context: TurnContext) => createConversationSender(context.turnState.get(adapter.ConnectorClientKey) as ConversationsApi, context.activity);

  const handler = new DocentActivityHandler(async (context) => {
    const activity = context.activity;
    if (activity.name === "message/submitAction") {
      const conversations = context.turnState.get(adapter.ConnectorClientKey) as ConversationsApi;
      // A 👎 with a reason goes to the owners of the cited documents after the invoke is answered.
      const status = await recordFeedbackInvoke(activity, core.feedback, logger, (vote, answer) => {
        if (vote.rating !== "down" || !vote.comment) return;
        const delivery = createTeamsOwnerDelivery(conversations, activity);
        options.runInBackground(() => core.owners.routeDislike({ answer, reason: vote.comment }, delivery).then(() => undefined));
      });
      return { status };
    }
    if (activity.name === FETCH_TASK || activity.name === SUBMIT_ACTION)
      return answerVerifiedAction(activity, { core, logger, verifiers: options.verifiers ?? [] });
    // An invoke this bot never offered (the SDK would say 501) is a bad request from the sender's side,
    // not a failure of ours: 400, so monitoring never mistakes it for a server error.
    logger.info({ name: activity.name }, "declined a Teams invoke this bot does not handle");
    return { status: 400 };
  });

  handler.onMessage(async (context) => {
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
    const activity = context.activity;
    options.runInBackground(async () => {
      try {
        const question = await withAskerGroups(incoming.question, activity, options.askerPrincipals);
        await answerInThread(question, reply, { core, logger });
      } finally {
        if (stream) streamingChats.delete(chat);
      }
    });
  });

  // Installing the app adds the bot to the conversation: Teams says so with a conversationUpdate whose
  // membersAdded names the bot, in every scope. People joining later are added too, but never the bot.
  // (Teams also sends an installationUpdate for the same installation: answering both would greet twice.)
  handler.onMembersAdded(async (context) => {
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
  // Every other activity (installationUpdate, reactions, …) has no handler: the SDK answers 200.
  return handler;
}

/** A personal chat's audience completed with what Graph knows of the asker (after the turn's response: Graph may take a moment). */
async function withAskerGroups(question: Question, activity: Activity, askerPrincipals: AskerPrincipals | undefined): Promise<Question> {
  const audience = question.audience;
  const aadObjectId = activity.from?.aadObjectId;
  const tenantId = activity.conversation?.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
  if (audience?.kind !== "private" || !askerPrincipals || !aadObjectId || !tenantId) return question;
  const more = await askerPrincipals({ aadObjectId, tenantId });
  return { ...question, audience: { kind: "private", principals: [...new Set([...audience.principals, ...more])] } };
}

/** ActivityHandler answers invokes from an overridable method; this one hands them to a function. */
class DocentActivityHandler extends ActivityHandler {
  constructor(private readonly answerInvoke: (context: TurnContext) => Promise<InvokeResponse>) {
    super();
  }

  protected override onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    return this.answerInvoke(context);
  }
}
