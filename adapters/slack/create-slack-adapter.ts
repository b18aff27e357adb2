import { App, HTTPReceiver, SocketModeReceiver, webApi } from "@slack/bolt";
import type { Adapter, AdapterContext } from "../../src/server/adapter.ts";
import { createBoltLogger } from "./create-bolt-logger.ts";
import { createDedupeWindow } from "./create-dedupe-window.ts";
import { createAckFirstScheduler } from "../../src/server/create-ack-first-scheduler.ts";
import { createEventsRoute } from "./create-events-route.ts";
import { answerInThread } from "../../src/core/answer-in-thread.ts";
import { createSlackChatReply } from "./create-slack-chat-reply.ts";
import { createSlackFeatures } from "./create-slack-features.ts";
import { slackErrorCode } from "./slack-error-code.ts";
import { registerFeedbackListeners } from "./register-feedback-listeners.ts";
import { registerHomeListener } from "./register-home-listener.ts";
import { registerQuestionListeners } from "./register-question-listeners.ts";
import { slackClientOptions } from "./slack-client-options.ts";
import { CredentialRejectedError } from "../../src/server/credential-rejected-error.ts";
import { retryWithBackoff, type Retrying } from "../../src/server/retry-with-backoff.ts";
import { createWorkTracker } from "../../src/shared/create-work-tracker.ts";

export const EVENTS_PATH = "/slack/events";
/** How long stopping waits for answers still being written, when the server does not share its tracker. */
const DRAIN_MS = 20_000;
/** Slack's answers to a token it will never accept: retrying cannot help, the configuration must change. */
const REJECTED_TOKEN_ERRORS = new Set(["invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired", "user_removed_from_team", "team_disabled"]);
/** A hung connection at start-up must not hold the other platforms back for long. */
const CONNECT_TIMEOUT_MS = 10_000;

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
  const { core } = context;
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
  const track = (work: Promise<void>) => void answers.track(work.catch((error: unknown) => logger.error({ err: error }, "answering a Slack question failed unexpectedly")));
  const drain = async () => {
    if (answers.size === 0) return;
    logger.info({ answers: answers.size }, "waiting for answers in progress");
    await answers.drain();
  };
  const ackScheduler = context.ackScheduler ?? createAckFirstScheduler();

  let identity: { botUserId: string; botId: string | null; who: string } | null = null;
  let app: App | null = null;
  let connected = false;
  let notConnected = "connecting to Slack";
  let retrying: Retrying | null = null;

  // Who the bot is, once: its own messages are ignored and its mention stripped by this id. Passing the
  // ids to Bolt also spares Bolt its own auth.test. One try per attempt: the backoff is ours.
  const whoAmI = async () => {
    const client = new webApi.WebClient(slack.botToken, { ...clientOptions, retryConfig: { retries: 0 }, timeout: CONNECT_TIMEOUT_MS });
    const result = await client.auth.test().catch((error: unknown) => {
      const code = slackErrorCode(error);
      if (code && REJECTED_TOKEN_ERRORS.has(code)) throw new CredentialRejectedError("SLACK_BOT_TOKEN", "Slack", code);
      throw error;
    });
    if (!result.user_id) throw new Error("Slack's auth.test did not say which bot user SLACK_BOT_TOKEN belongs to");
    return { botUserId: result.user_id, botId: result.bot_id ?? null, who: `@${result.user ?? result.user_id}${result.team ? ` in ${result.team}` : ""}` };
  };

  const createApp = (bot: { botUserId: string; botId: string | null }): App => {
    const created = new App({ token: slack.botToken, botId: bot.botId ?? undefined, botUserId: bot.botUserId, receiver, logger: boltLogger, clientOptions, ignoreSelf: true });
    created.error(async (error) => {
      logger.error({ err: error }, "a Slack listener failed");
    });
    const features = createSlackFeatures(logger);
    const behaviour = context.config.slackBehaviour;
    registerQuestionListeners(created, {
      schedule: ackScheduler.schedule,
      answer: (client, request) =>
        answerInThread(
          { platform: "slack", user: request.user, conversation: request.channel, thread: request.threadTs, text: request.text, history: [] },
          createSlackChatReply(client, request, { logger, features }),
          // Slack's log lines have always named the channel; the flow adds the keys every platform shares.
          { core, logger: logger.child({ channel: request.channel }) },
        ),
      dedupe: createDedupeWindow(),
      decide: {
        botUserId: bot.botUserId,
        botId: bot.botId,
        knowsThread: (channel, thread) => core.knowsThread({ platform: "slack", conversation: channel, thread }),
        threadFollowUps: behaviour.threadFollowUps,
        followUpOptOut: behaviour.followUpOptOut,
      },
      logger,
      track,
    });
    registerFeedbackListeners(created, { core, logger });
    registerHomeListener(created, { logger });
    return created;
  };

  const connect = async () => {
    identity ??= await whoAmI();
    app ??= createApp(identity);
    if (socketMode) {
      try {
        await app.start();
      } catch (error) {
        // A failed start may leave the client's own reconnect timer behind: stop it before the next try.
        await app.stop().catch(() => undefined);
        const code = slackErrorCode(error);
        if (code && REJECTED_TOKEN_ERRORS.has(code)) throw new CredentialRejectedError("SLACK_APP_TOKEN", "Slack", code);
        throw error;
      }
    }
    connected = true;
  };

  const describeFailure = (error: unknown) => {
    const failure = error as { statusCode?: number; original?: Error; code?: string };
    if (failure.statusCode) return `Slack's Web API answered HTTP ${failure.statusCode}`;
    if (failure.code === "slack_webapi_request_error" && failure.original) {
      // fetch says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND, a timeout) is its cause.
      const cause = (failure.original as { cause?: { message?: string } }).cause?.message;
      return `Slack's Web API cannot be reached (${failure.original.message}${cause ? `: ${cause}` : ""})`;
    }
    return `Slack refused the connection (${slackErrorCode(error) ?? (error as Error).message})`;
  };

  const start = async () => {
    retrying = retryWithBackoff({
      attempt: connect,
      isFatal: (error) => error instanceof CredentialRejectedError,
      initialDelayMs: options.reconnect?.initialDelayMs,
      maxDelayMs: options.reconnect?.maxDelayMs,
      onFailure(error, failures, retryInMs) {
        if (retryInMs === null) {
          // Fatal after start-up (the token was revoked while Slack was down): the rest keeps serving.
          notConnected = (error as Error).message;
          if (failures > 1) logger.error({ err: notConnected }, "Slack refused the token; Slack stays off until the configuration is fixed and Docent restarted");
          return;
        }
        notConnected = `${describeFailure(error)}; ${failures} ${failures === 1 ? "attempt" : "attempts"} failed, next at ${new Date(Date.now() + retryInMs).toISOString()}`;
        logger.warn({ failures, retryInMs, err: describeFailure(error) }, "Slack is not reachable; the other platforms keep serving and Slack connects when it can");
      },
    });
    retrying.connected.then(
      () => {
        notConnected = "";
        logger.info({ bot: identity?.who }, "connected to Slack");
      },
      () => undefined,
    );
    await retrying.firstAttempt;
  };

  const gate = () => (connected ? null : notConnected);
  return {
    name: "slack",
    routes: socketMode
      ? []
      : [
          createEventsRoute({
            path: EVENTS_PATH,
            signingSecret: slack.signingSecret!,
            requestListener: (receiver as HTTPReceiver).requestListener,
            notReady: gate,
            logger,
            onRequest: { started: ackScheduler.requestStarted, finished: ackScheduler.requestFinished },
          }),
        ],
    get banner() {
      const how = socketMode ? "Socket Mode" : `HTTP at ${EVENTS_PATH}`;
      return connected && identity ? `Slack: ${how} as ${identity.who}` : `Slack: ${how}, NOT CONNECTED: ${notConnected}`;
    },
    health: () => (connected ? { status: "ok" } : { status: "degraded", reason: notConnected }),
    start,
    stop: async () => {
      retrying?.stop();
      ackScheduler.flush();
      await drain();
      if (socketMode && connected) await app?.stop();
    },
  };
}
