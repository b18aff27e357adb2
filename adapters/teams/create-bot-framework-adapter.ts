import { CloudAdapter } from "botbuilder";
import type { Config } from "../../src/config.ts";
import type { Logger } from "../../src/logger.ts";
import { ReusingBotFrameworkAuthentication } from "./reusing-bot-framework-authentication.ts";

/**
 * botbuilder's CloudAdapter, configured from our config rather than `process.env` (modules read no
 * globals). With no app id, botbuilder turns authentication off: incoming tokens are not checked and
 * outgoing calls carry none — which is why the Teams adapter warns loudly in that case.
 */
export function createBotFrameworkAdapter(teams: Config["teams"], logger: Logger): CloudAdapter {
  const auth = new ReusingBotFrameworkAuthentication({
    MicrosoftAppId: teams.appId ?? "",
    MicrosoftAppPassword: teams.appPassword ?? "",
    MicrosoftAppType: teams.appType ?? "MultiTenant",
    MicrosoftAppTenantId: teams.tenantId ?? "",
  });
  const adapter = new CloudAdapter(auth);
  // Our turn logic catches its own failures; anything left is a bug, logged rather than rethrown so the
  // channel gets a plain status code instead of botbuilder's stack trace on the console.
  adapter.onTurnError = async (context, error) => {
    logger.error({ err: error, activityType: context.activity.type }, "Teams turn failed");
  };
  return adapter;
}
