import { AuthType, CloudAdapter, type AuthConfiguration } from "@microsoft/agents-hosting";
import type { Config } from "../../src/config.ts";
import type { Logger } from "../../src/logger.ts";

/**
 * The M365 Agents SDK's CloudAdapter, configured from our config (the `MicrosoftApp*` variables the design
 * names) rather than from the SDK's own environment names. With no app id there is no connection: the
 * adapter then talks to the connector without a token, which is why the Teams adapter warns loudly.
 */
export function createAgentsCloudAdapter(teams: Config["teams"], logger: Logger): CloudAdapter {
  // The SDK refuses to be built without a client id when NODE_ENV is production (as in our container).
  // Without MicrosoftAppId it is never asked for a token nor to check one (requests are unauthenticated,
  // replies anonymous), so a placeholder naming no app keeps `docent serve` starting where Teams is unused.
  const auth = teams.appId ? toAuthConfiguration(teams) : { clientId: NO_APP_ID };
  const adapter = new CloudAdapter(auth, undefined, undefined, {
    // Bot Framework tokens name the service URL they were issued for; an activity asking the bot to
    // reply elsewhere is refused (botbuilder did this by default; the SDK only warns unless told).
    validateServiceUrl: Boolean(teams.appId),
  });
  // The SDK's default tells the user "The agent encountered an error or bug" and posts a trace. Our turn
  // logic catches its own failures; anything left is a bug for our log, not a message in the chat.
  adapter.onTurnError = async (context, error) => {
    logger.error({ err: error, activityType: context.activity.type }, "Teams turn failed");
  };
  return adapter;
}

const NO_APP_ID = "00000000-0000-0000-0000-000000000000";

/** MicrosoftAppType → the SDK's connection settings: the tenant decides the authority, the type the credential. */
export function toAuthConfiguration(teams: Config["teams"]): AuthConfiguration {
  if (!teams.appId) return {};
  if (teams.appType === "UserAssignedMSI") return { clientId: teams.appId, tenantId: teams.tenantId, authType: AuthType.UserManagedIdentity };
  return {
    clientId: teams.appId,
    clientSecret: teams.appPassword,
    // MultiTenant bots get their tokens from the botframework.com tenant (the SDK's default without one).
    tenantId: teams.appType === "SingleTenant" ? teams.tenantId : undefined,
    authType: AuthType.ClientSecret,
  };
}
