import { webApi, type App } from "@slack/bolt";
import type { Logger } from "../../src/logger.ts";
import { CredentialRejectedError } from "../../src/server/credential-rejected-error.ts";
import { retryWithBackoff, type Retrying } from "../../src/server/retry-with-backoff.ts";
import { slackErrorCode } from "./slack-error-code.ts";

/** Slack's answers to a token it will never accept: retrying cannot help, the configuration must change. */
const REJECTED_TOKEN_ERRORS = new Set([
  "invalid_auth",
  "not_authed",
  "account_inactive",
  "token_revoked",
  "token_expired",
  "user_removed_from_team",
  "team_disabled",
]);
/** A hung connection at start-up must not hold the other platforms back for long. */
const CONNECT_TIMEOUT_MS = 10_000;

export interface BotIdentity {
  botUserId: string;
  botId: string | null;
  /** "@docent in Acme", for the banner. */
  who: string;
}

export interface SlackConnectionOptions {
  botToken: string;
  clientOptions: webApi.WebClientOptions;
  /** Socket Mode: the app connects out once it exists; over HTTP the events route receives instead. */
  socketMode: boolean;
  /** Builds the Bolt app once the bot's identity is known (its own messages are ignored by that id). */
  createApp: (bot: BotIdentity) => App;
  logger: Logger;
  reconnect?: { initialDelayMs?: number; maxDelayMs?: number };
}

export interface SlackConnection {
  /** Resolves after the first attempt, connected or not; rejects only when Slack refuses the token. */
  start(): Promise<void>;
  /** No more attempts (shutdown begins). */
  stopRetrying(): void;
  /** Closes the Socket Mode connection, once the answers in flight are done. */
  disconnect(): Promise<void>;
  /** Why events cannot be handled yet, or null once connected. */
  notConnected(): string | null;
  identity(): BotIdentity | null;
}

/**
 * Reaching Slack: who the bot is (auth.test, once), the Bolt app, and in Socket Mode its WebSocket. A
 * token Slack refuses fails the start; Slack unreachable or failing (network error, 5xx) is retried with
 * backoff, and `notConnected()` says why meanwhile.
 */
export function connectToSlack(options: SlackConnectionOptions): SlackConnection {
  const { logger, socketMode } = options;
  let identity: BotIdentity | null = null;
  let app: App | null = null;
  let connected = false;
  let notConnected = "connecting to Slack";
  let retrying: Retrying | null = null;

  const connect = async () => {
    identity ??= await whoAmI(options.botToken, options.clientOptions);
    app ??= options.createApp(identity);
    if (socketMode) await startSocketMode(app);
    connected = true;
  };
  const onFailure = (error: unknown, failures: number, retryInMs: number | null) => {
    if (retryInMs === null) {
      // Fatal after start-up (the token was revoked while Slack was down): the rest keeps serving.
      notConnected = (error as Error).message;
      if (failures > 1) logger.error({ err: notConnected }, "Slack refused the token; Slack stays off until the configuration is fixed and Docent restarted");
      return;
    }
    notConnected = `${describeFailure(error)}; ${failures} ${failures === 1 ? "attempt" : "attempts"} failed, next at ${new Date(Date.now() + retryInMs).toISOString()}`;
    logger.warn(
      { failures, retryInMs, err: describeFailure(error) },
      "Slack is not reachable; the other platforms keep serving and Slack connects when it can",
    );
  };

  return {
    async start() {
      retrying = retryWithBackoff({ attempt: connect, isFatal: (error) => error instanceof CredentialRejectedError, onFailure, ...options.reconnect });
      retrying.connected.then(
        () => {
          notConnected = "";
          logger.info({ bot: identity?.who }, "connected to Slack");
        },
        () => undefined,
      );
      await retrying.firstAttempt;
    },
    stopRetrying: () => retrying?.stop(),
    async disconnect() {
      if (socketMode && connected) await app?.stop();
    },
    notConnected: () => (connected ? null : notConnected),
    identity: () => identity,
  };
}

/** Who the bot is. Passing the ids to Bolt also spares Bolt its own auth.test. One try per attempt: the backoff is the caller's. */
async function whoAmI(botToken: string, clientOptions: webApi.WebClientOptions): Promise<BotIdentity> {
  const client = new webApi.WebClient(botToken, { ...clientOptions, retryConfig: { retries: 0 }, timeout: CONNECT_TIMEOUT_MS });
  const result = await client.auth.test().catch((error: unknown) => {
    const code = slackErrorCode(error);
    if (code && REJECTED_TOKEN_ERRORS.has(code)) throw new CredentialRejectedError("SLACK_BOT_TOKEN", "Slack", code);
    throw error;
  });
  if (!result.user_id) throw new Error("Slack's auth.test did not say which bot user SLACK_BOT_TOKEN belongs to");
  return { botUserId: result.user_id, botId: result.bot_id ?? null, who: `@${result.user ?? result.user_id}${result.team ? ` in ${result.team}` : ""}` };
}

async function startSocketMode(app: App): Promise<void> {
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

function describeFailure(error: unknown): string {
  const failure = error as { statusCode?: number; original?: Error; code?: string };
  if (failure.statusCode) return `Slack's Web API answered HTTP ${failure.statusCode}`;
  if (failure.code === "slack_webapi_request_error" && failure.original) {
    // fetch says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND, a timeout) is its cause.
    const cause = (failure.original as { cause?: { message?: string } }).cause?.message;
    return `Slack's Web API cannot be reached (${failure.original.message}${cause ? `: ${cause}` : ""})`;
  }
  return `Slack refused the connection (${slackErrorCode(error) ?? (error as Error).message})`;
}
