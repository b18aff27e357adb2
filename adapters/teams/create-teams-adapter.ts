import "./keep-entity-fields.ts";
import type { Adapter } from "../../src/server/adapter.ts";
import type { AdapterContext } from "../../src/server/start-docent.ts";
import { createAckFirstScheduler } from "../../src/server/create-ack-first-scheduler.ts";
import { createWorkTracker } from "../../src/shared/create-work-tracker.ts";
import { createBotFrameworkAdapter } from "./create-bot-framework-adapter.ts";
import { createMessagesRoute, MESSAGES_PATH } from "./create-messages-route.ts";
import { createTurnHandler } from "./create-turn-handler.ts";

export const UNAUTHENTICATED_WARNING = `Teams endpoint ${MESSAGES_PATH} accepts unauthenticated requests: MicrosoftAppId is not set. For local testing only.`;

export interface TeamsAdapterOptions {
  /** Pause between streaming updates in 1:1 chats (default 1500 ms, Teams' pace); tests shorten it. */
  streamIntervalMs?: number;
  /** How long `stop()` waits for answers still being written (default 10 s) when the server shares no tracker. */
  stopGraceMs?: number;
}

/**
 * Microsoft Teams on the shared server at `/api/messages`, always mounted: with `MicrosoftAppId` set,
 * every request must carry a valid Bot Framework token; without it, anyone who can reach the port can
 * talk to the bot, which is only fit for local testing — so it says so, loudly, at start.
 */
export async function createTeamsAdapter(context: AdapterContext, options: TeamsAdapterOptions = {}): Promise<Adapter | null> {
  const { config, core } = context;
  const logger = context.logger.child({ platform: "teams" });
  const authenticated = Boolean(config.teams.appId);
  if (!authenticated) logger.warn(UNAUTHENTICATED_WARNING);

  const botAdapter = createBotFrameworkAdapter(config.teams, logger);
  const answers = context.answers ?? createWorkTracker({ graceMs: options.stopGraceMs ?? 10_000 });
  // An answer starts after this turn's HTTP response, and those of activities arriving with it, went out.
  const scheduler = context.ackScheduler ?? createAckFirstScheduler();
  const runInBackground = (start: () => Promise<void>) => {
    void answers.track(
      new Promise<void>((resolve) => scheduler.schedule(resolve)).then(start).catch((error: unknown) => logger.error({ err: error }, "a Teams answer failed")),
    );
  };
  const logic = createTurnHandler({ core, logger, botAdapter, runInBackground, streamIntervalMs: options.streamIntervalMs });

  return {
    name: "teams",
    routes: [createMessagesRoute({ botAdapter, logic, logger, authenticated, onRequest: { started: scheduler.requestStarted, finished: scheduler.requestFinished } })],
    banner: authenticated
      ? `Teams: Bot Framework at ${MESSAGES_PATH} (app id ${config.teams.appId})`
      : `Teams: ${MESSAGES_PATH} WITHOUT authentication (MicrosoftAppId is not set; for local testing only)`,
    async stop() {
      scheduler.flush();
      await answers.drain();
    },
  };
}
