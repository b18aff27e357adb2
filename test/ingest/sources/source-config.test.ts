import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError, configFileJsonSchema, loadConfig } from "../../../src/config.ts";
import { tempDir } from "../../helpers/corpus.ts";

describe("configuring sitemap, export and git sources", () => {
  let dir: { path: string; remove: () => Promise<void> };
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(() => dir.remove());

  const load = async (sources: unknown[]) => {
    await writeFile(join(dir.path, "docent.config.json"), JSON.stringify({ sources }));
    return loadConfig({}, dir.path);
  };
  const problems = async (sources: unknown[]) => {
    try {
      await load(sources);
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
    return [];
  };

  it("reads each type with its options", async () => {
    const config = await load([
      {
        name: "intranet",
        type: "sitemap",
        url: "https://intranet.example.com/sitemap.xml",
        collection: "hr",
        include: ["/handbook/"],
        concurrency: 2,
        timeoutMs: 5000,
        maxPages: 100,
      },
      { name: "wiki", type: "export", path: "exports/ENG.zip", format: "confluence", urlPattern: "https://acme.atlassian.net/wiki/spaces/ENG/pages/{id}" },
      {
        name: "docs",
        type: "git",
        url: "https://github.com/acme/handbook.git",
        branch: "main",
        path: "docs",
        urlPattern: "https://github.com/acme/handbook/blob/{branch}/{path}",
      },
    ]);
    expect(config.sources[0]).toMatchObject({
      type: "sitemap",
      url: "https://intranet.example.com/sitemap.xml",
      concurrency: 2,
      timeoutMs: 5000,
      maxPages: 100,
    });
    // An export's path is a file next to the config; a git source's path is a folder inside the repository.
    expect(config.sources[1]).toMatchObject({ type: "export", path: join(dir.path, "exports/ENG.zip"), format: "confluence" });
    expect(config.sources[2]).toMatchObject({ type: "git", subfolder: "docs", branch: "main" });
    expect(config.sources[2]!.path).toBeUndefined();
  });

  it("says what each type is missing, and which options belong to another type", async () => {
    expect(
      await problems([
        { name: "site", type: "sitemap" },
        { name: "ftp-site", type: "sitemap", url: "ftp://example.com/sitemap.xml" },
        { name: "wiki", type: "export", url: "https://acme.atlassian.net" },
        { name: "repo", type: "git", path: "docs" },
        { name: "notes", type: "folder", path: "notes", concurrency: 3, format: "notion" },
        { name: "repo2", type: "git", url: "--upload-pack=touch /tmp/x", branch: "-x", urlPattern: "https://x/blob/main", path: "../outside" },
        { name: "wiki2", type: "export", path: "w.zip", format: "word", urlPattern: "https://x/pages/" },
        { name: "site2", type: "sitemap", url: "https://example.com/sitemap.xml", concurrency: 100, timeoutMs: -1 },
      ]),
    ).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`source "site": a sitemap source needs "url", the address of the site's sitemap.xml`),
        expect.stringContaining(`source "ftp-site": "url" must be an http(s) address of a sitemap`),
        expect.stringContaining(`source "wiki": an export source needs "path", the export's .zip file or unzipped folder`),
        expect.stringContaining(`source "repo": a git source needs "url"`),
        expect.stringContaining(`source "notes": "concurrency" applies only to sitemap and confluence sources`),
        expect.stringContaining(`source "notes": "format" applies only to export sources`),
        expect.stringContaining(`source "repo2": "url" must not start with "-"`),
        expect.stringContaining(`source "repo2": "branch" is not a valid branch name`),
        expect.stringContaining(`source "repo2": "urlPattern" must contain {path}`),
        expect.stringContaining(`source "repo2": "path" of a git source is a folder inside the repository`),
        expect.stringContaining(`format must be "confluence", "notion" or "auto"`),
        expect.stringContaining(`concurrency above 32 is not polite to a website`),
        expect.stringContaining(`timeoutMs must be positive`),
      ]),
    );
  });

  it("accepts a local path or an scp-style address as a git url", async () => {
    const config = await load([
      { name: "local", type: "git", url: "../handbook" },
      { name: "ssh", type: "git", url: "git@github.com:acme/handbook.git" },
    ]);
    expect(config.sources.map((source) => source.url)).toEqual(["../handbook", "git@github.com:acme/handbook.git"]);
  });

  it("reads a confluence source as DESIGN's contract gives it, with its credentials from the environment", async () => {
    await writeFile(
      join(dir.path, "docent.config.json"),
      JSON.stringify({
        sources: [
          { name: "wiki", type: "confluence", url: "https://acme.atlassian.net/wiki", spaces: ["HR", "IT"], collection: "wiki" },
          {
            name: "legal",
            type: "confluence",
            url: "https://acme.atlassian.net/wiki",
            spaces: ["LEGAL"],
            permissions: "ignore",
            emailEnv: "LEGAL_EMAIL",
            tokenEnv: "LEGAL_TOKEN",
          },
        ],
      }),
    );
    const config = loadConfig({ CONFLUENCE_EMAIL: "bot@acme.test", CONFLUENCE_API_TOKEN: "t0k3n", LEGAL_EMAIL: "legal@acme.test", OTHER: "x" }, dir.path);
    expect(config.sources[0]).toMatchObject({ type: "confluence", url: "https://acme.atlassian.net/wiki", spaces: ["HR", "IT"], collection: "wiki" });
    expect(config.sources[1]).toMatchObject({ permissions: "ignore", emailEnv: "LEGAL_EMAIL" });
    // Only the variables the sources name are kept, and a missing one is reported by the sync, by name.
    expect(config.sourceCredentials).toEqual({
      CONFLUENCE_EMAIL: "bot@acme.test",
      CONFLUENCE_API_TOKEN: "t0k3n",
      LEGAL_EMAIL: "legal@acme.test",
      LEGAL_TOKEN: undefined,
    });
  });

  it("says what a confluence source is missing or got wrong", async () => {
    expect(
      await problems([
        { name: "a", type: "confluence", spaces: ["HR"] },
        { name: "b", type: "confluence", url: "acme.atlassian.net", spaces: ["HR"] },
        { name: "c", type: "confluence", url: "https://acme.atlassian.net/wiki" },
        { name: "d", type: "confluence", url: "https://acme.atlassian.net/wiki", spaces: ["HR"], permissions: "maybe", tokenEnv: "not a name" },
        { name: "e", type: "folder", path: "docs", permissions: "ignore", spaces: ["HR"] },
      ]),
    ).toEqual(
      expect.arrayContaining([
        expect.stringContaining('source "a": a confluence source needs "url"'),
        expect.stringContaining('source "b": "url" must be an http(s) address'),
        expect.stringContaining('source "c": a confluence source needs "spaces"'),
        expect.stringContaining('permissions must be "enforce" or "ignore"'),
        expect.stringContaining("tokenEnv must name an environment variable"),
        expect.stringContaining('source "e": "permissions" applies only to confluence and sharepoint sources'),
        expect.stringContaining('source "e": "spaces" applies only to confluence sources'),
      ]),
    );
  });

  it("still exports a JSON Schema for editors, with the new options", () => {
    const schema = JSON.stringify(configFileJsonSchema());
    for (const option of [
      "concurrency",
      "timeoutMs",
      "maxPages",
      "format",
      "branch",
      "urlPattern",
      "spaces",
      "permissions",
      "emailEnv",
      "tokenEnv",
      "everyoneGroups",
    ])
      expect(schema).toContain(`"${option}"`);
  });
});
