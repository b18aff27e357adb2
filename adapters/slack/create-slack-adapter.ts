import { App, HTTPReceiver, SocketModeReceiver, webApi } from "@slack/bolt";
import type { Adapter, AdapterContext } from "../../src/server/adapter.ts";
import { createAskerDirectory } from "./create-asker-directory.ts";
import { createBoltLogger } from "./create-bolt-logger.ts";
import { createMemoryState } from "../../src/state/memory-state.ts";
import { createDedupeWindow } from "./create-dedupe-window.ts";
import { readThreadHistory } from "./read-thread-history.ts";
import { slackErrorCode } from "./slack-error-code.ts";
import { createAckFirstScheduler } from "../../src/server/create-ack-first-scheduler.ts";
import { createEventsRoute } from "./create-events-route.ts";
import { answerInThread } from "../../src/core/answer-in-thread.ts";
import { createSlackChatReply } from "./create-slack-chat-reply.ts";
import { createSlackFeatures } from "./create-slack-features.ts";
import { registerFeedbackListeners } from "./register-feedback-listeners.ts";
import { createSlackOwnerDelivery } from "./create-slack-owner-delivery.ts";
import { createHomePublisher } from "./create-home-publisher.ts";
import { createPromptChooser } from "./create-prompt-chooser.ts";
import { createThreadTitler } from "./create-thread-titler.ts";
import { registerAssistantListeners } from "./register-assistant-listeners.ts";
import { registerHomeListener } from "./register-home-listener.ts";
import { registerQuestionListeners } from "./register-question-listeners.ts";
import { registerVerifiedShortcut } from "./register-verified-shortcut.ts";
import { slackClientOptions } from "./slack-client-options.ts";
import type { Logger } from "../../src/logger.ts";
import { connectToSlack, type BotIdentity } from "./connect-to-slack.ts";
import { createWorkTracker } from "../../src/shared/create-work-tracker.ts";

export const EVENTS_PATH = "/slack/events";
/** How long stopping waits for answers still being written, when the server does not share its tracker. */
const DRAIN_MS = 20_000;
const DELIVERY_CLAIM_MS = 15 * 60_000;
const HISTORY_LOOKUP_MS = 24 * 3600_000;

export interface SlackAdapterOptions {
  /** Waits between attempts to reach Slack while it is down (default 1 s, doubling up to 60 s); tests shorten them. */
  reconnect?: { initialDelayMs?: number; maxDelayMs?: number };
}

/**
 * The Slack platform: a Bolt app answering mentions, DMs and thread follow-ups. Over HTTP its events
 * endpoint is a route on the shared server (Bolt never opens a port of its own); with SLACK_APP_TOKEN it
 * connects out over Socket Mode instead. Returns null when Slack is not configured.
 *
 * `start()` asks Slack who the bot is (auth.test). A token Slack refuses fails the start (docent serve
 * exits 2); Slack unreachable or failing (network error, 5xx) only degrades this platform: the server
 * starts, `/healthz` says why Slack is not connected, and the adapter keeps trying with backoff.
 */
export async function createSlackAdapter(context: AdapterContext, options: SlackAdapterOptions = {}): Promise<Adapter | null> {
  const slack = context.config.slack;
  if (!slack) return null;
  const logger = context.logger.child({ platform: "slack" });
  const boltLogger = createBoltLogger(logger);
  const clientOptions = slackClientOptions(slack.apiUrl, boltLogger);
  const socketMode = Boolean(slack.appToken);
  if (!socketMode && !slack.signingSecret) throw new Error("Slack over HTTP needs SLACK_SIGNING_SECRET");

  // The receiver needs no network, so the events route exists from the start; events are turned away
  // (503, Slack redelivers them) until the app is connected.
  const receiver = socketMode
    ? new SocketModeReceiver({ appToken: slack.appToken!, logger: boltLogger, installerOptions: { clientOptions } })
    : new HTTPReceiver({ signingSecret: slack.signingSecret!, endpoints: EVENTS_PATH, processBeforeResponse: false, logger: boltLogger });

  const answers = context.answers ?? createWorkTracker({ graceMs: DRAIN_MS });
  const track = (work: Promise<void>) =>
    void answers.track(work.catch((error: unknown) => logger.error({ err: error }, "answering a Slack question failed unexpectedly")));
  const ackScheduler = context.ackScheduler ?? createAckFirstScheduler();
  const connection = connectToSlack({
    botToken: slack.botToken,
    clientOptions,
    socketMode,
    logger,
    reconnect: options.reconnect,
    createApp: (bot) => {
      const app = new App({
        token: slack.botToken,
        botId: bot.botId ?? undefined,
        botUserId: bot.botUserId,
        receiver,
        logger: boltLogger,
        clientOptions,
        ignoreSelf: true,
      });
      app.error(async (error) => {
        logger.error({ err: error }, "a Slack listener failed");
      });
      // Slack's thread history is read rarely and must never wait out a rate limit: no retries.
      const historyClient = new webApi.WebClient(slack.botToken, { ...clientOptions, retryConfig: { retries: 0 } });
      registerListeners(app, { context, logger, bot, schedule: ackScheduler.schedule, track, historyClient });
      return app;
    },
  });

  return {
    name: "slack",
    routes: socketMode
      ? []
      : [
          createEventsRoute({
            path: EVENTS_PATH,
            signingSecret: slack.signingSecret!,
            requestListener: (receiver as HTTPReceiver).requestListener,
            notReady: connection.notConnected,
            logger,
            onRequest: { started: ackScheduler.requestStarted, finished: ackScheduler.requestFinished },
            defer: ackScheduler.schedule,
          }),
        ],
    get banner() {
      const how = socketMode ? "Socket Mode" : `HTTP at ${EVENTS_PATH}`;
      const notConnected = connection.notConnected();
      const identity = connection.identity();
      return notConnected === null && identity ? `Slack: ${how} as ${identity.who}` : `Slack: ${how}, NOT CONNECTED: ${notConnected}`;
    },
    health: () => {
      const notConnected = connection.notConnected();
      return notConnected === null ? { status: "ok" } : { status: "degraded", reason: notConnected };
    },
    start: connection.start,
    stop: async () => {
      connection.stopRetrying();
      ackScheduler.flush();
      if (answers.size > 0) {
        logger.info({ answers: answers.size }, "waiting for answers in progress");
        await answers.drain();
      }
      await connection.disconnect();
    },
  };
}

/** Questions (mentions, DMs, thread follow-ups) answered through the shared flow, feedback, and the agent DM's suggested prompts. */
function registerListeners(
  app: App,
  options: {
    context: AdapterContext;
    logger: Logger;
    bot: BotIdentity;
    schedule: (start: () => void) => void;
    track: (work: Promise<void>) => void;
    historyClient: webApi.WebClient;
  },
): void {
  const { context, logger, bot } = options;
  const { core } = context;
  const features = createSlackFeatures(logger);
  const behaviour = context.config.slackBehaviour;
  const state = context.state ?? createMemoryState();
  const titler = createThreadTitler({ logger });
  const knowsThread = createThreadKnower({ core, historyClient: options.historyClient, bot, logger });
  const askers = createAskerDirectory({ logger });
  registerQuestionListeners(app, {
    schedule: options.schedule,
    answer: (client, request) => {
      const answering = askers.audience(client, request).then((audience) =>
        answerInThread(
          { platform: "slack", user: request.user, conversation: request.channel, thread: request.threadTs, text: request.text, history: [], audience },
          createSlackChatReply(client, request, { logger, features }),
          // Slack's log lines have always named the channel; the flow adds the keys every platform shares.
          { core, logger: logger.child({ channel: request.channel }) },
        ),
      );
      // The title is set beside the answer, never before it: the answer's first sign of work goes out
      // first, and it must not wait for (or fail with) the title.
      void titler.title(client, request);
      return answering;
    },
    // Slack retries an event after 1 and 5 minutes: a claim outlives both, on whichever replica gets the retry.
    dedupe: { claim: (key) => state.claim(`slack:${key}`, DELIVERY_CLAIM_MS) },
    decide: {
      botUserId: bot.botUserId,
      botId: bot.botId,
      knowsThread: (channel, thread, messageTs) => knowsThread({ platform: "slack", conversation: channel, thread }, messageTs),
      threadFollowUps: behaviour.threadFollowUps,
      followUpOptOut: behaviour.followUpOptOut,
    },
    logger,
    track: options.track,
  });
  registerFeedbackListeners(app, { core, logger });
  // Feedback from the playground reaches owners in Slack too (without a permalink: the answer is not in Slack).
  core.owners.offer(createSlackOwnerDelivery(app.client, {}));
  registerVerifiedShortcut(app, { core, logger, bot, verifiers: context.config.verifiers.slack, historyClient: options.historyClient });
  const index = () => context.docent()?.index ?? null;
  const choosePrompts = createPromptChooser({ configured: behaviour.suggestedPrompts, scopes: context.config.scopes, index, logger });
  const publishHome = createHomePublisher({ config: context.config, index, botUserId: bot.botUserId, logger });
  registerHomeListener(app, { logger, choosePrompts, publishHome });
  registerAssistantListeners(app, { logger, choosePrompts, threadStarted: titler.threadStarted });
}

type SlackThread = { platform: "slack"; conversation: string; thread: string };

/**
 * Whether a thread is one Docent answers in. A follow-up in a thread no replica remembers (Redis evicted
 * it, or a restart without Redis): Slack still has the thread. Asked once a day per thread at most, since
 * conversations.replies is tightly rate-limited.
 */
function createThreadKnower(options: {
  core: AdapterContext["core"];
  historyClient: webApi.WebClient;
  bot: BotIdentity;
  logger: Logger;
}): (thread: SlackThread, messageTs: string) => Promise<boolean> {
  const { core, logger, bot } = options;
  const lookedUp = createDedupeWindow({ ttlMs: HISTORY_LOOKUP_MS, maxKeys: 20_000 });
  return async (thread, messageTs) => {
    if (await core.knowsThread(thread)) return true;
    if (!lookedUp.claim(`${thread.conversation}:${thread.thread}`)) return false;
    const turns = await readThreadHistory(options.historyClient, { channel: thread.conversation, threadTs: thread.thread, beforeTs: messageTs }, bot).catch(
      (error: unknown) => {
        logger.warn({ err: slackErrorCode(error) ?? (error as Error).message, channel: thread.conversation }, "could not read the thread's history from Slack");
        return null;
      },
    );
    if (!turns) return false;
    await core.rememberThread(thread, turns);
    logger.info({ channel: thread.conversation, thread: thread.thread, turns: turns.length }, "rebuilt a thread's history from Slack");
    return true;
  };
}
