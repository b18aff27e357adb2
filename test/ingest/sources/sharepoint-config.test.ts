import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError, configFileJsonSchema, loadConfig } from "../../../src/config.ts";
import { tempDir } from "../../helpers/corpus.ts";

describe("configuring a SharePoint source", () => {
  let dir: { path: string; remove: () => Promise<void> };
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(() => dir.remove());

  const load = async (sources: unknown[], env: Record<string, string> = {}) => {
    await writeFile(join(dir.path, "docent.config.json"), JSON.stringify({ sources }));
    return loadConfig(env, dir.path);
  };
  const problems = async (sources: unknown[], env: Record<string, string> = {}) => {
    try {
      await load(sources, env);
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
    return [];
  };

  it("reads the tenant, sites and drives of the documented contract", async () => {
    const config = await load([
      {
        name: "docs",
        type: "sharepoint",
        tenantId: "contoso.onmicrosoft.com",
        sites: ["contoso.sharepoint.com:/sites/HR"],
        drives: ["b!abc"],
        collection: "docs",
      },
    ]);
    expect(config.sources[0]).toMatchObject({
      type: "sharepoint",
      tenantId: "contoso.onmicrosoft.com",
      sites: ["contoso.sharepoint.com:/sites/HR"],
      drives: ["b!abc"],
      collection: "docs",
    });
  });

  it("says what a SharePoint source is missing, and which of its options other types cannot take", async () => {
    expect(
      await problems([
        { name: "no-tenant", type: "sharepoint", drives: ["b!abc"] },
        { name: "nothing", type: "sharepoint", tenantId: "t" },
        { name: "bad-site", type: "sharepoint", tenantId: "t", sites: ["https://contoso.sharepoint.com/sites/HR"] },
        { name: "folder", type: "folder", path: "notes", tenantId: "t", drives: ["b!abc"] },
      ]),
    ).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`source "no-tenant": a sharepoint source needs "tenantId"`),
        expect.stringContaining(`source "nothing": a sharepoint source needs "sites"`),
        expect.stringContaining(`a site is written "host:/path"`),
        expect.stringContaining(`source "folder": "tenantId" applies only to sharepoint sources`),
        expect.stringContaining(`source "folder": "drives" applies only to sharepoint sources`),
      ]),
    );
  });

  it("takes Graph's credentials from SHAREPOINT_CLIENT_ID/SECRET, else from the Teams app, and Graph's address from the environment", async () => {
    const teamsOnly = loadConfig({ MicrosoftAppId: "teams-app", MicrosoftAppPassword: "teams-secret" }, dir.path);
    expect(teamsOnly.graph).toEqual({
      apiUrl: "https://graph.microsoft.com/v1.0",
      loginUrl: "https://login.microsoftonline.com",
      clientId: "teams-app",
      clientSecret: "teams-secret",
    });
    const own = loadConfig(
      {
        SHAREPOINT_CLIENT_ID: "sp-app",
        SHAREPOINT_CLIENT_SECRET: "sp-secret",
        MicrosoftAppId: "teams-app",
        MicrosoftAppPassword: "x",
        GRAPH_API_URL: "http://127.0.0.1:9/v1.0",
        MICROSOFT_LOGIN_URL: "http://127.0.0.1:9",
      },
      dir.path,
    );
    expect(own.graph).toEqual({ apiUrl: "http://127.0.0.1:9/v1.0", loginUrl: "http://127.0.0.1:9", clientId: "sp-app", clientSecret: "sp-secret" });
    expect(() => loadConfig({ GRAPH_API_URL: "not a url" }, dir.path)).toThrow(/GRAPH_API_URL is not a valid URL/);
  });

  it("is in the JSON Schema for editors", () => {
    const schema = JSON.stringify(configFileJsonSchema());
    for (const option of ["tenantId", "sites", "drives", "sharepoint"]) expect(schema).toContain(`"${option}"`);
  });
});
