import type { TurnContext } from "@microsoft/agents-hosting";
import type { Adapter } from "../../src/server/adapter.ts";
import type { Config } from "../../src/config.ts";
import type { DocentCore } from "../../src/core/docent-core.ts";
import type { Logger } from "../../src/logger.ts";
import { createAckFirstScheduler, type AckFirstScheduler } from "../../src/server/create-ack-first-scheduler.ts";
import { createWorkTracker, type WorkTracker } from "../../src/shared/create-work-tracker.ts";
import { createActivityHandler } from "./create-activity-handler.ts";
import { createAgentsCloudAdapter } from "./create-agents-cloud-adapter.ts";
import { createAskerPrincipals } from "./create-asker-principals.ts";
import { createMessagesRoute, MESSAGES_PATH } from "./create-messages-route.ts";

export const UNAUTHENTICATED_WARNING = `Teams endpoint ${MESSAGES_PATH} accepts unauthenticated requests: MicrosoftAppId is not set. For local testing only.`;

/** What the Teams adapter needs from the server (a part of its AdapterContext). */
export interface TeamsAdapterContext {
  config: Config;
  core: DocentCore;
  logger: Logger;
  /** Shared by every adapter, so no answer starts while any platform's request still waits for its ack. */
  ackScheduler?: AckFirstScheduler;
  /** Shared by the core and every adapter: stopping waits here once for every answer still being written. */
  answers?: WorkTracker;
}

export interface TeamsAdapterOptions {
  /** Pause between streaming updates in 1:1 chats (default 1500 ms, Teams' pace); tests shorten it. */
  streamIntervalMs?: number;
  /** How long `stop()` waits for answers still being written (default 10 s). */
  stopGraceMs?: number;
}

/**
 * Microsoft Teams on the shared server at `/api/messages`, always mounted, on the M365 Agents SDK: with
 * `MicrosoftAppId` set, every request must carry a valid Bot Framework token; without it, anyone who can
 * reach the port can talk to the bot, which is only fit for local testing — so it says so, loudly, at start.
 */
export async function createTeamsAdapter(context: TeamsAdapterContext, options: TeamsAdapterOptions = {}): Promise<Adapter | null> {
  const { config, core } = context;
  const logger = context.logger.child({ platform: "teams" });
  const authenticated = Boolean(config.teams.appId);
  if (!authenticated) logger.warn(UNAUTHENTICATED_WARNING);

  const cloudAdapter = createAgentsCloudAdapter(config.teams, logger);
  const answers = context.answers ?? createWorkTracker({ graceMs: options.stopGraceMs ?? 10_000 });
  // An answer starts after this turn's HTTP response, and those of activities arriving with it, went out.
  const scheduler = context.ackScheduler ?? createAckFirstScheduler();
  const runInBackground = (start: () => Promise<void>) => {
    void answers.track(
      new Promise<void>((resolve) => scheduler.schedule(resolve)).then(start).catch((error: unknown) => logger.error({ err: error }, "a Teams answer failed")),
    );
  };

  const handler = createActivityHandler({
    core,
    logger,
    adapter: cloudAdapter,
    sourceNames: config.sources.map((source) => source.name),
    verifiers: config.verifiers.teams,
    runInBackground,
    streamIntervalMs: options.streamIntervalMs,
    askerPrincipals: createAskerPrincipals({ graph: config.graph, logger }),
  });
  if (config.sources.some((source) => source.type === "sharepoint") && !(config.graph.clientId && config.graph.clientSecret)) {
    logger.warn("Teams askers' groups cannot be read without Graph credentials (SHAREPOINT_CLIENT_ID/SECRET or MicrosoftAppId/Password)");
  }
  const logic = async (turn: TurnContext) => {
    await handler.run(turn);
  };

  return {
    name: "teams",
    routes: [
      createMessagesRoute({
        adapter: cloudAdapter,
        logic,
        logger,
        authenticated,
        onRequest: { started: scheduler.requestStarted, finished: scheduler.requestFinished },
        defer: scheduler.schedule,
      }),
    ],
    banner: authenticated
      ? `Teams: M365 Agents SDK at ${MESSAGES_PATH} (app id ${config.teams.appId})`
      : `Teams: ${MESSAGES_PATH} WITHOUT authentication (MicrosoftAppId is not set; for local testing only)`,
    async stop() {
      scheduler.flush();
      await answers.drain();
    },
  };
}
