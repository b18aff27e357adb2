import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError, configFileJsonSchema, loadConfig } from "../../src/config.ts";
import { loadMarkdown } from "../../src/ingest/loaders/load-markdown.ts";
import { tempDir } from "../helpers/corpus.ts";

const load = (markdown: string, fileName = "page.md") => loadMarkdown(Buffer.from(markdown), fileName);

describe("who owns a document", () => {
  describe("in a Markdown front matter", () => {
    it("takes a plain Slack id as the Slack owner", async () => {
      expect((await load("---\nowner: U012AB3CD\n---\nBody")).owner).toEqual({ slack: "U012AB3CD" });
    });

    it("takes an object naming a Slack channel and a Teams channel", async () => {
      const loaded = await load('---\nowner:\n  slack: C0HRTEAM1\n  teams: "19:hr@thread.tacv2"\n---\nBody');
      expect(loaded.owner).toEqual({ slack: "C0HRTEAM1", teams: "19:hr@thread.tacv2" });
    });

    it("leaves the owner out when the front matter names none", async () => {
      expect((await load("---\ntitle: Leave\n---\nBody")).owner).toBeUndefined();
      expect((await load("Body")).owner).toBeUndefined();
    });

    it("fails the document with the file's name when the owner is not one", async () => {
      await expect(load("---\nowner: alice@example.com\n---\nBody", "hr/leave.md")).rejects.toThrow(/front matter "owner" is invalid in hr\/leave.md/);
      await expect(load("---\nowner:\n  email: alice@example.com\n---\nBody", "hr/leave.md")).rejects.toThrow(/owner/);
    });
  });

  describe("in the config file, per source", () => {
    let dir: { path: string; remove: () => Promise<void> };
    beforeEach(async () => {
      dir = await tempDir();
    });
    afterEach(() => dir.remove());

    const loadSources = async (sources: unknown[]) => {
      await writeFile(join(dir.path, "docent.config.json"), JSON.stringify({ sources }));
      return loadConfig({}, dir.path);
    };
    const problems = async (sources: unknown[]) => {
      try {
        await loadSources(sources);
      } catch (error) {
        if (error instanceof ConfigError) return error.problems;
        throw error;
      }
      return [];
    };

    it("reads a Slack user or channel and a Teams channel conversation id", async () => {
      const config = await loadSources([
        { name: "hr", path: "hr", owner: { slack: "U012AB3CD", teams: "19:hr@thread.tacv2" } },
        { name: "it", path: "it", owner: { slack: "C0ITTEAM1" } },
        { name: "misc", path: "misc" },
      ]);
      expect(config.sources.map((source) => source.owner)).toEqual([{ slack: "U012AB3CD", teams: "19:hr@thread.tacv2" }, { slack: "C0ITTEAM1" }, undefined]);
    });

    it("refuses an owner that names neither platform, an unknown field, or ids of the wrong shape, saying which", async () => {
      expect(await problems([{ name: "hr", path: "hr", owner: {} }])).toEqual([
        expect.stringMatching(/sources\.0\.owner: an owner names "slack", "teams" or both/),
      ]);
      expect((await problems([{ name: "hr", path: "hr", owner: { email: "hr@example.com" } }])).join("\n")).toMatch(/sources\.0\.owner/);
      expect((await problems([{ name: "hr", path: "hr", owner: { slack: "#hr" } }])).join("\n")).toMatch(/owner in Slack is a user id/);
      expect((await problems([{ name: "hr", path: "hr", owner: { teams: "hr channel" } }])).join("\n")).toMatch(
        /owner in Teams is a channel's conversation id/,
      );
    });

    it("is part of the exported JSON Schema, for editors", () => {
      const schema = JSON.stringify(configFileJsonSchema());
      expect(schema).toContain('"owner"');
      expect(schema).toContain("^[UWCG][A-Z0-9]{2,}$");
    });
  });
});
