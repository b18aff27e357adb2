import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.ts";
import { collectionsInScope } from "../src/core/collections-in-scope.ts";
import { tempDir } from "./helpers/corpus.ts";

describe("loadConfig", () => {
  let dir: { path: string; remove: () => Promise<void> };
  beforeEach(async () => (dir = await tempDir()));
  afterEach(() => dir.remove());

  const problemsOf = (env: Record<string, string>) => {
    try {
      loadConfig(env, dir.path);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as ConfigError).problems;
    }
    throw new Error("expected a ConfigError");
  };

  it("runs with no configuration at all: knowledge/ as the one source, extractive mode, no platforms", () => {
    const config = loadConfig({}, dir.path);
    expect(config).toMatchObject({ port: 3000, playground: true, llm: null, embedding: null, quoteByMeaning: true, slack: null, scopes: {} });
    expect(config.sources).toEqual([expect.objectContaining({ name: "knowledge", type: "folder", path: join(dir.path, "knowledge"), collection: "default" })]);
    expect(config.dbPath).toBe(join(dir.path, "data/lancedb"));
  });

  it("reports every problem at once, in plain words", () => {
    const problems = problemsOf({ SLACK_BOT_TOKEN: "xoxb-1", PORT: "http", MicrosoftAppId: "abc", OPENAI_BASE_URL: "not a url" });
    expect(problems).toEqual(
      expect.arrayContaining([
        "SLACK_BOT_TOKEN is set but SLACK_SIGNING_SECRET is missing (or set SLACK_APP_TOKEN for Socket Mode)",
        "MicrosoftAppId is set but MicrosoftAppPassword is missing",
        "OPENAI_BASE_URL is not a valid URL",
        expect.stringMatching(/^PORT/),
      ]),
    );
    expect(problems).toHaveLength(4);
  });

  it("never shows a stack trace in its message", () => {
    try {
      loadConfig({ SLACK_SIGNING_SECRET: "s" }, dir.path);
    } catch (error) {
      expect((error as Error).message).toBe("configuration problem:\n  - SLACK_SIGNING_SECRET is set but SLACK_BOT_TOKEN is missing");
    }
  });

  it("chooses extractive quotes by words alone when DOCENT_QUOTE_BY_MEANING is false, and refuses a value that is no switch", () => {
    expect(loadConfig({ DOCENT_QUOTE_BY_MEANING: "false" }, dir.path).quoteByMeaning).toBe(false);
    expect(problemsOf({ DOCENT_QUOTE_BY_MEANING: "sometimes" })).toEqual([expect.stringMatching(/^DOCENT_QUOTE_BY_MEANING/)]);
  });

  it("reorders full-text candidates by meaning for answers written without a chat model, unless told otherwise", () => {
    expect(loadConfig({}, dir.path).rerankByMeaning).toEqual({ answers: true, search: false });
    expect(loadConfig({ OPENAI_BASE_URL: "http://127.0.0.1:11434/v1" }, dir.path).rerankByMeaning).toEqual({ answers: false, search: false });
    expect(loadConfig({ DOCENT_RERANK_BY_MEANING: "true" }, dir.path).rerankByMeaning).toEqual({ answers: true, search: true });
    expect(loadConfig({ DOCENT_RERANK_BY_MEANING: "false" }, dir.path).rerankByMeaning).toEqual({ answers: false, search: false });
    expect(problemsOf({ DOCENT_RERANK_BY_MEANING: "yes" })).toEqual([expect.stringMatching(/^DOCENT_RERANK_BY_MEANING/)]);
  });

  it("turns on the LLM with a base URL alone, for servers that need no key", () => {
    const config = loadConfig({ OPENAI_BASE_URL: "http://127.0.0.1:11434/v1", DOCENT_CHAT_MODEL: "llama3.1" }, dir.path);
    expect(config.llm).toMatchObject({ baseURL: "http://127.0.0.1:11434/v1", chatModel: "llama3.1" });
  });

  it("reads sources and scopes from the config file, resolving paths against the file", async () => {
    await writeFile(
      join(dir.path, "docent.config.json"),
      JSON.stringify({
        sources: [{ name: "hr", path: "docs/hr", collection: "hr", baseUrl: "https://kb.example.com/" }],
        scopes: { default: ["hr"], "slack:C1": ["hr", "it"] },
      }),
    );
    const config = loadConfig({}, dir.path);
    expect(config.sources[0]).toMatchObject({ name: "hr", type: "folder", path: join(dir.path, "docs/hr"), collection: "hr", prettyUrls: false });
    expect(collectionsInScope(config.scopes, "slack:C1")).toEqual(["hr", "it"]);
    // The default scope reads the experts' verified answers too; a conversation's own scope only if it lists them.
    expect(collectionsInScope(config.scopes, "slack:C2")).toEqual(["hr", "verified"]);
    expect(collectionsInScope({}, "slack:C2")).toBeNull();
  });

  it("names the file and the field of a config file mistake", async () => {
    await writeFile(join(dir.path, "bad.json"), JSON.stringify({ sources: [{ name: "x", type: "ftp", path: "p" }], extra: 1 }));
    const problems = problemsOf({ DOCENT_CONFIG: "bad.json" });
    expect(problems.every((p) => p.startsWith(join(dir.path, "bad.json")))).toBe(true);
    expect(problems.some((p) => p.includes("sources.0.type"))).toBe(true);
    expect(problems.some((p) => /extra/.test(p))).toBe(true);
  });

  it("reads who may save verified answers, and refuses ids that cannot be theirs and a source taking the verified answers' name", async () => {
    await writeFile(
      join(dir.path, "docent.config.json"),
      JSON.stringify({ verified: { slackUsers: ["U012AB3CD"], teamsUsers: ["6F1C0B8E-1111-4000-8000-000000000001"] } }),
    );
    expect(loadConfig({}, dir.path).verifiers).toEqual({ slack: ["U012AB3CD"], teams: ["6f1c0b8e-1111-4000-8000-000000000001"] });
    await writeFile(
      join(dir.path, "docent.config.json"),
      JSON.stringify({ sources: [{ name: "verified", path: "docs" }], verified: { slackUsers: ["alice"], teamsUsers: ["User One"] } }),
    );
    const problems = problemsOf({});
    expect(problems.some((p) => p.includes('the name "verified" is taken'))).toBe(true);
    expect(problems.some((p) => p.includes("verified.slackUsers.0: a Slack user id looks like U012AB3CD"))).toBe(true);
    expect(problems.some((p) => p.includes("verified.teamsUsers.0: a Teams user is named by their Microsoft Entra object id"))).toBe(true);
    await rm(join(dir.path, "docent.config.json"));
    expect(loadConfig({}, dir.path).verifiers).toEqual({ slack: [], teams: [] });
  });

  it("says so when DOCENT_CONFIG names a missing file or invalid JSON", async () => {
    expect(problemsOf({ DOCENT_CONFIG: "nope.json" })).toEqual([`DOCENT_CONFIG names ${join(dir.path, "nope.json")}, which does not exist`]);
    await writeFile(join(dir.path, "docent.config.json"), "{ sources: ");
    expect(problemsOf({})[0]).toMatch(/docent\.config\.json is not valid JSON/);
  });
});
