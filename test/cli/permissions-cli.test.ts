import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WIKI_SPACES, WIKI_USERS, wikiPages } from "../helpers/confluence-wiki.ts";
import { tempDir } from "../helpers/corpus.ts";
import { docentInProcess as docent } from "../helpers/docent-in-process.ts";
import { startFakeConfluence, type FakeConfluence } from "../helpers/fake-confluence.ts";

/** `docent ingest` of a Confluence source, then `search` and `ask` as a channel (default) or as a person (`--as`). */
describe("the command line and restricted documents", () => {
  let wiki: FakeConfluence;
  let dir: { path: string; remove: () => Promise<void> };
  let env: Record<string, string>;

  beforeAll(async () => {
    wiki = await startFakeConfluence({ spaces: WIKI_SPACES, users: WIKI_USERS, pages: wikiPages() });
    dir = await tempDir();
    const source = { name: "wiki", type: "confluence", url: wiki.url, spaces: ["HR", "LEGAL"], collection: "wiki", everyoneGroups: ["confluence-users"] };
    await writeFile(join(dir.path, "docent.config.json"), JSON.stringify({ sources: [source] }));
    // The credentials come from `.env`, which never enters process.env.
    await writeFile(join(dir.path, ".env"), `CONFLUENCE_EMAIL=${wiki.email}\nCONFLUENCE_API_TOKEN=${wiki.token}\n`);
    env = { DOCENT_DB: join(dir.path, "db") };
    const ingest = await docent(["ingest", "--json"], dir.path, env);
    expect(JSON.parse(ingest.stdout).sources[0]).toMatchObject({ source: "wiki", added: 8 });
    expect(ingest.code).toBe(0);
  }, 30_000);
  afterAll(async () => {
    await wiki?.close();
    await dir?.remove();
  });

  const searchDocIds = async (args: string[]) => {
    const { stdout, code } = await docent(["search", "quartz salary band senior engineers", "--json", ...args], dir.path, env);
    expect(code).toBe(0);
    return (JSON.parse(stdout).results as { docId: string }[]).map((r) => r.docId);
  };

  it("searches as a channel by default, and as a person with --as", async () => {
    expect(await searchDocIds([])).not.toContain("102");
    expect(await searchDocIds(["--as", "bob@acme.test"])).not.toContain("102");
    expect((await searchDocIds(["--as", "ALICE@acme.test"]))[0]).toBe("102");
  });

  it("answers from a restricted page only for someone who may read it", async () => {
    const asked = async (...args: string[]) =>
      JSON.parse((await docent(["ask", "what does a litigation hold freeze?", "--json", ...args], dir.path, env)).stdout);
    expect((await asked()).citations.map((c: { docId: string }) => c.docId)).not.toContain("200");
    expect((await asked("--as", "carol@acme.test")).citations[0].docId).toBe("200");
  });

  it("shows a refused Confluence in `docent sources` while the previous version keeps answering", async () => {
    const failed = await docent(["ingest", "--json"], dir.path, { ...env, CONFLUENCE_API_TOKEN: "revoked-token-789" });
    expect(failed.code).not.toBe(0);
    const { stdout } = await docent(["sources", "--json"], dir.path, env);
    const [wikiSource] = JSON.parse(stdout).sources;
    expect(wikiSource).toMatchObject({ name: "wiki", type: "confluence", documents: 8 });
    expect(wikiSource.lastError.error).toMatch(/refused the credentials/);
    expect(stdout).not.toContain("revoked-token-789");
    expect((await searchDocIds(["--as", "alice@acme.test"]))[0]).toBe("102");
  });

  it("refuses --as without an email address", async () => {
    const { code, stderr } = await docent(["search", "leave", "--as", "alice"], dir.path, env);
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/--as takes an email address/);
  });
});
