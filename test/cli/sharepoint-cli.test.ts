import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../helpers/corpus.ts";
import { docentInProcess as docent } from "../helpers/docent-in-process.ts";
import { startFakeGraph, type FakeGraph } from "../helpers/fake-graph.ts";

/** A SharePoint source configured as a user would: the config file, the environment, `docent ingest`, `docent sources`. */
describe("docent with a SharePoint source", () => {
  let dir: { path: string; remove: () => Promise<void> };
  let graph: FakeGraph;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = await tempDir();
    graph = await startFakeGraph();
    const [documents] = graph.addSite("contoso.sharepoint.com:/sites/HR", ["Documents"]);
    graph.putFile(documents!, "Leave/moonbeam-leave.md", "# Moonbeam leave\n\nEvery employee accrues twenty-five days of moonbeam leave.\n", [
      { id: "1", roles: ["read"], link: { scope: "organization", type: "view" } },
    ]);
    await writeFile(
      join(dir.path, "docent.config.json"),
      JSON.stringify({
        sources: [{ name: "hr", type: "sharepoint", tenantId: graph.tenantId, sites: ["contoso.sharepoint.com:/sites/HR"], collection: "hr" }],
      }),
    );
    env = {
      DOCENT_DB: join(dir.path, "db"),
      GRAPH_API_URL: graph.apiUrl,
      MICROSOFT_LOGIN_URL: graph.loginUrl,
      SHAREPOINT_CLIENT_ID: graph.clientId,
      SHAREPOINT_CLIENT_SECRET: graph.clientSecret,
    };
  });
  afterAll(async () => {
    await graph.close();
    await dir.remove();
  });

  it("ingests the library, lists the source with its site, and shows a failed sync while the previous version keeps answering", async () => {
    const ingest = await docent(["ingest"], dir.path, env);
    expect(ingest.code, ingest.stderr).toBe(0);
    expect(ingest.stdout).toMatch(/1 added/);

    const listed = JSON.parse((await docent(["sources", "--json"], dir.path, env)).stdout);
    expect(listed.sources[0]).toMatchObject({ name: "hr", type: "sharepoint", location: "contoso.sharepoint.com:/sites/HR", documents: 1, lastError: null });

    // Graph gone: the sync fails with one clear line, and search still answers from what was indexed.
    await graph.close();
    const failed = await docent(["ingest"], dir.path, env);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/hr: could not reach Microsoft Graph at http:\/\/127.0.0.1:\d+ \(ECONNREFUSED\)/);
    expect(failed.stderr).not.toContain(graph.clientSecret);
    const after = JSON.parse((await docent(["sources", "--json"], dir.path, env)).stdout);
    expect(after.sources[0]).toMatchObject({ documents: 1, lastSync: { ok: false } });
    expect(after.sources[0].lastError.error).toBeTruthy();
    const search = JSON.parse((await docent(["search", "moonbeam leave", "--collection", "hr", "--json"], dir.path, env)).stdout);
    expect(search.results[0]).toMatchObject({
      docId: "Documents/Leave/moonbeam-leave.md",
      url: "https://contoso.sharepoint.com/Documents/Leave/moonbeam-leave.md",
    });
  });
});
