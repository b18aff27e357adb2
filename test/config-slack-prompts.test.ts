import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.ts";
import { tempDir } from "./helpers/corpus.ts";

describe("the config file's slack.suggestedPrompts", () => {
  let dir: { path: string; remove: () => Promise<void> };
  beforeEach(async () => (dir = await tempDir()));
  afterEach(() => dir.remove());
  const writeSlack = (slack: unknown) => writeFile(join(dir.path, "docent.config.json"), JSON.stringify({ slack }));

  it("defaults to none, so prompts come from the index, with or without a slack section", async () => {
    expect(loadConfig({}, dir.path).slackBehaviour).toEqual({ threadFollowUps: true, followUpOptOut: [], suggestedPrompts: [] });
    await writeSlack({ threadFollowUps: false });
    expect(loadConfig({}, dir.path).slackBehaviour).toEqual({ threadFollowUps: false, followUpOptOut: [], suggestedPrompts: [] });
  });

  it("reads up to four prompts, trimmed", async () => {
    await writeSlack({ suggestedPrompts: [{ title: " Holidays ", message: "Which public holidays do we get?" }] });
    expect(loadConfig({}, dir.path).slackBehaviour.suggestedPrompts).toEqual([{ title: "Holidays", message: "Which public holidays do we get?" }]);
  });

  it("reports more than four prompts, an empty message and unknown fields in plain words", async () => {
    const prompt = { title: "Holidays", message: "Which public holidays do we get?" };
    const file = join(dir.path, "docent.config.json");
    await writeSlack({ suggestedPrompts: [prompt, prompt, prompt, prompt, prompt] });
    expect(problemsOf()).toEqual([`${file}: slack.suggestedPrompts: Slack shows at most 4 suggested prompts`]);
    await writeSlack({ suggestedPrompts: [prompt, { ...prompt, message: " " }, { ...prompt, emoji: ":palm_tree:" }] });
    expect(problemsOf()).toEqual([
      `${file}: slack.suggestedPrompts.1.message: a suggested prompt needs a message`,
      expect.stringMatching(/slack\.suggestedPrompts\.2: Unrecognized key.*emoji/),
    ]);
  });

  const problemsOf = (): string[] => {
    try {
      loadConfig({}, dir.path);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as ConfigError).problems;
    }
    throw new Error("expected a ConfigError");
  };
});
