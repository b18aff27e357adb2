import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPromptChooser } from "../../../adapters/slack/create-prompt-chooser.ts";
import { SUGGESTED_PROMPTS } from "../../../adapters/slack/generic-prompts.ts";
import { silentLogger } from "../../../src/logger.ts";
import { openIndex, type KnowledgeIndex } from "../../../src/retrieval/open-index.ts";
import { syncSources } from "../../../src/retrieval/sync-sources.ts";
import { tempDir } from "../../helpers/corpus.ts";

/** A Markdown document with `sections` sections of about 900 characters: one passage each. */
function documentWith(title: string, sections: number): string {
  const body = Array.from({ length: sections }, (_, i) => `## Part ${i + 1}\n\n${`Sentence ${i + 1} of this part, saying how things work here. `.repeat(15)}`);
  return `---\ntitle: ${title}\n---\n\n# ${title}\n\n${body.join("\n\n")}\n`;
}

describe("createPromptChooser", () => {
  let dir: { path: string; remove: () => Promise<void> };
  let index: KnowledgeIndex;
  const files: Record<string, string> = {
    "hr/leave.md": documentWith("Leave Policy", 6),
    "hr/benefits.md": documentWith("Health Benefits and Insurance Coverage for Employees and Their Families", 4),
    "hr/README.md": documentWith("README", 5),
    "hr/travel.md": documentWith("Travel", 2),
    "it/laptops.md": documentWith("Laptops", 5),
    "it/leave.md": documentWith("Leave Policy", 3),
    "it/vpn.md": documentWith("VPN", 1),
  };

  beforeAll(async () => {
    dir = await tempDir();
    for (const [path, text] of Object.entries(files)) {
      await mkdir(join(dir.path, "docs", path, ".."), { recursive: true });
      await writeFile(join(dir.path, "docs", path), text);
    }
    index = await openIndex(join(dir.path, "db"));
    await syncSources(
      index,
      [
        { name: "hr", type: "folder", path: join(dir.path, "docs/hr"), collection: "hr", prettyUrls: false },
        { name: "it", type: "folder", path: join(dir.path, "docs/it"), collection: "it", prettyUrls: false },
      ],
      { logger: silentLogger() },
    );
  });
  afterAll(async () => {
    index?.close();
    await dir?.remove();
  });

  const chooser = (fields: Partial<Parameters<typeof createPromptChooser>[0]> = {}) =>
    createPromptChooser({
      configured: [],
      scopes: { "slack:DHRONLY": ["hr"], "slack:DNOTHING": ["finance"] },
      index: () => index,
      logger: silentLogger(),
      ...fields,
    });

  it("asks about the best-covered documents, taking turns between sources, each topic once, generic page names left out", async () => {
    expect(await chooser()("D0ANYONE")).toEqual([
      { title: "Leave Policy", message: "What do our documents say about Leave Policy?" },
      { title: "Laptops", message: "What do our documents say about Laptops?" },
      // hr's README (5 passages) says nothing about its content; "Leave Policy" from it is asked about already.
      {
        title: "Health Benefits and Insurance Coverage…",
        message: "What do our documents say about Health Benefits and Insurance Coverage for Employees and Their Families?",
      },
      { title: "VPN", message: "What do our documents say about VPN?" },
    ]);
  });

  it("asks only about collections the conversation may read, and falls back to the generic prompts when it may read none", async () => {
    const choose = chooser();
    expect((await choose("DHRONLY")).map((p) => p.title)).toEqual(["Leave Policy", "Health Benefits and Insurance Coverage…", "Travel"]);
    expect(await choose("DNOTHING")).toEqual(SUGGESTED_PROMPTS);
  });

  it("uses configured prompts as they are, and the generic ones before there is an index", async () => {
    const configured = [{ title: "Holidays", message: "Which public holidays do we get?" }];
    expect(await chooser({ configured })("D0ANYONE")).toEqual(configured);
    expect(await chooser({ index: () => null })("D0ANYONE")).toEqual(SUGGESTED_PROMPTS);
  });
});
