import { AuthType } from "@microsoft/agents-hosting";
import { describe, expect, it } from "vitest";
import { toAuthConfiguration } from "../../../adapters/teams/create-agents-cloud-adapter.ts";
import { loadConfig } from "../../../src/config.ts";

const APP_ID = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
const TENANT = "72f988bf-0000-4000-8000-000000000001";
/** The Teams settings exactly as `docent serve` reads them from the environment (DESIGN's variable names). */
const teamsFrom = (env: Record<string, string>) => loadConfig({ PORT: "0", ...env }, "/nonexistent").teams;

describe("the MicrosoftApp* variables, as the Agents SDK's connection settings", () => {
  it("MultiTenant (the default): the app id and secret, and no tenant, so tokens come from botframework.com", () => {
    expect(toAuthConfiguration(teamsFrom({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: "pw" }))).toEqual({
      clientId: APP_ID,
      clientSecret: "pw",
      authType: AuthType.ClientSecret,
    });
    expect(
      toAuthConfiguration(teamsFrom({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: "pw", MicrosoftAppType: "MultiTenant", MicrosoftAppTenantId: TENANT }))
        .tenantId,
    ).toBeUndefined();
  });

  it("SingleTenant: the tenant too", () => {
    expect(
      toAuthConfiguration(teamsFrom({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: "pw", MicrosoftAppType: "SingleTenant", MicrosoftAppTenantId: TENANT })),
    ).toEqual({
      clientId: APP_ID,
      clientSecret: "pw",
      tenantId: TENANT,
      authType: AuthType.ClientSecret,
    });
  });

  it("UserAssignedMSI: the managed identity's client id, no secret", () => {
    expect(toAuthConfiguration(teamsFrom({ MicrosoftAppId: APP_ID, MicrosoftAppType: "UserAssignedMSI", MicrosoftAppTenantId: TENANT }))).toEqual({
      clientId: APP_ID,
      tenantId: TENANT,
      authType: AuthType.UserManagedIdentity,
    });
  });
});
