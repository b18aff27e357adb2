import { App, HTTPReceiver, SocketModeReceiver, webApi } from "@slack/bolt";
import type { Adapter } from "../../src/server/adapter.ts";
import type { AdapterContext } from "../../src/server/start-docent.ts";
import { createBoltLogger } from "./create-bolt-logger.ts";
import { createDedupeWindow } from "./create-dedupe-window.ts";
import { createAckFirstScheduler } from "../../src/server/create-ack-first-scheduler.ts";
import { createEventsRoute } from "./create-events-route.ts";
import { createQuestionAnswerer } from "./create-question-answerer.ts";
import { slackErrorCode, type SlackFeatures } from "./create-thread-reply.ts";
import { registerFeedbackListeners } from "./register-feedback-listeners.ts";
import { registerHomeListener } from "./register-home-listener.ts";
import { registerQuestionListeners } from "./register-question-listeners.ts";
import { slackClientOptions } from "./slack-client-options.ts";

export const EVENTS_PATH = "/slack/events";
/** How long stopping waits for answers still being written before it closes anyway. */
const DRAIN_MS = 20_000;

/**
 * The Slack platform: a Bolt app answering mentions, DMs and thread follow-ups. Over HTTP its events
 * endpoint is a route on the shared server (Bolt never opens a port of its own); with SLACK_APP_TOKEN it
 * connects out over Socket Mode instead. Returns null when Slack is not configured.
 */
export async function createSlackAdapter(context: AdapterContext): Promise<Adapter | null> {
  const slack = context.config.slack;
  if (!slack) return null;
  const { core } = context;
  const logger = context.logger.child({ platform: "slack" });
  const boltLogger = createBoltLogger(logger);
  const clientOptions = slackClientOptions(slack.apiUrl, boltLogger);

  // Who the bot is, once: its own messages are ignored and its mention stripped by this id. Passing the
  // ids to Bolt also spares Bolt its own auth.test.
  const identity = await new webApi.WebClient(slack.botToken, clientOptions).auth.test().catch((error: unknown) => {
    throw new Error(`Slack did not accept SLACK_BOT_TOKEN (auth.test: ${slackErrorCode(error) ?? (error as Error).message})`);
  });
  if (!identity.user_id) throw new Error("Slack's auth.test did not say which bot user SLACK_BOT_TOKEN belongs to");
  const botUserId = identity.user_id;
  const botId = identity.bot_id ?? null;

  const socketMode = Boolean(slack.appToken);
  if (!socketMode && !slack.signingSecret) throw new Error("Slack over HTTP needs SLACK_SIGNING_SECRET");
  const receiver = socketMode
    ? new SocketModeReceiver({ appToken: slack.appToken!, logger: boltLogger, installerOptions: { clientOptions } })
    : new HTTPReceiver({ signingSecret: slack.signingSecret!, endpoints: EVENTS_PATH, processBeforeResponse: false, logger: boltLogger });
  const app = new App({ token: slack.botToken, botId: botId ?? undefined, botUserId, receiver, logger: boltLogger, clientOptions, ignoreSelf: true });
  app.error(async (error) => {
    logger.error({ err: error }, "a Slack listener failed");
  });

  const inFlight = new Set<Promise<void>>();
  const track = (work: Promise<void>) => {
    const settled: Promise<void> = work
      .catch((error: unknown) => logger.error({ err: error }, "answering a Slack question failed unexpectedly"))
      .finally(() => inFlight.delete(settled));
    inFlight.add(settled);
  };
  const drain = async () => {
    if (inFlight.size === 0) return;
    logger.info({ answers: inFlight.size }, "waiting for Slack answers in progress");
    await Promise.race([Promise.allSettled([...inFlight]), new Promise((resolve) => setTimeout(resolve, DRAIN_MS).unref())]);
  };

  const features: SlackFeatures = { status: true, streaming: true };
  const behaviour = context.config.slackBehaviour;
  const ackScheduler = context.ackScheduler ?? createAckFirstScheduler();
  registerQuestionListeners(app, {
    schedule: ackScheduler.schedule,
    answer: createQuestionAnswerer({ core, logger, features }),
    dedupe: createDedupeWindow(),
    decide: {
      botUserId,
      botId,
      knowsThread: (channel, thread) => core.knowsThread({ platform: "slack", conversation: channel, thread }),
      threadFollowUps: behaviour.threadFollowUps,
      followUpOptOut: behaviour.followUpOptOut,
    },
    logger,
    track,
  });
  registerFeedbackListeners(app, { core, logger });
  registerHomeListener(app, { logger });

  const who = `@${identity.user ?? botUserId}${identity.team ? ` in ${identity.team}` : ""}`;
  if (socketMode) {
    return {
      name: "slack",
      routes: [],
      banner: `Slack: Socket Mode as ${who}`,
      start: async () => {
        await app.start();
      },
      stop: async () => {
        ackScheduler.flush();
        await drain();
        await app.stop();
      },
    };
  }
  const http = receiver as HTTPReceiver;
  return {
    name: "slack",
    routes: [
      createEventsRoute({
        path: EVENTS_PATH,
        signingSecret: slack.signingSecret!,
        requestListener: http.requestListener,
        logger,
        onRequest: { started: ackScheduler.requestStarted, finished: ackScheduler.requestFinished },
      }),
    ],
    banner: `Slack: HTTP at ${EVENTS_PATH} as ${who}`,
    stop: async () => {
      ackScheduler.flush();
      await drain();
    },
  };
}
