import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerQuestion } from "../../src/core/answer-question.ts";
import { createExtractiveAnswerGenerator } from "../../src/llm/extractive-answer-generator.ts";
import { silentLogger } from "../../src/logger.ts";
import type { KnowledgeIndex } from "../../src/retrieval/open-index.ts";
import { withFollowingPassages } from "../../src/retrieval/read-following-passages.ts";
import { readPassageContext } from "../../src/retrieval/read-passage-context.ts";
import { withReferencedSections } from "../../src/retrieval/read-referenced-sections.ts";
import { searchIndex, type SearchHit } from "../../src/retrieval/search-index.ts";
import { indexPages } from "../helpers/indexed-corpus.ts";

/** Filler that keeps each section in a passage of its own (passages hold about 1,200 characters). */
const filler = (topic: string) =>
  Array.from({ length: 9 }, (_, i) => `Paragraph ${i + 1} about ${topic} says a little more about how teams plan their week together.`).join("\n\n");

const PAGE = [
  "---\ntitle: Remote work\n---",
  "# Remote work",
  "## Changing your arrangement",
  'Talk to your manager first, then submit a work arrangement change. Moving to another country is a different matter; see "Working from abroad" below.',
  filler("arrangements"),
  "## Core hours",
  filler("core hours"),
  filler("core hours, continued"),
  "## Working from abroad",
  "You may work from a country other than your country of employment for up to 30 working days per calendar year.",
  "Submit a work location request at least 4 weeks before you travel.",
  filler("abroad"),
  "## Screens",
  "Lock your screen when you step away; see the screenshot below.",
].join("\n\n");

describe("the context an answer reads around the passages retrieval found", () => {
  let index: KnowledgeIndex;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ index, cleanup } = await indexPages({ "remote-work.md": PAGE }));
  });
  afterAll(() => cleanup());
  const withSections = async (hits: SearchHit[]) => withReferencedSections(hits, await readPassageContext(index, hits));

  it("adds the section a passage points to, right after that passage", async () => {
    const hits = await searchIndex(index, "moving to another country, who do I talk to?", { k: 1 });
    expect(hits[0]!.heading).toMatch(/Changing your arrangement/);
    const withSection = await withSections(hits);
    expect(withSection).toHaveLength(2);
    expect(withSection[1]!.heading).toMatch(/Working from abroad/);
    expect(withSection[1]!.docId).toBe(hits[0]!.docId);
    expect(withSection[1]!.text).toContain("30 working days");
  });

  it("adds nothing when the section was retrieved already, or the pointer names no heading of the page", async () => {
    const both = [...(await searchIndex(index, "moving to another country", { k: 1 })), ...(await searchIndex(index, "30 working days abroad", { k: 1 }))];
    expect(both.map((hit) => hit.heading)).toEqual([expect.stringMatching(/Changing/), expect.stringMatching(/abroad/)]);
    expect(await withSections(both)).toEqual(both);
    const screens = await searchIndex(index, "lock screen step away", { k: 1 });
    expect(screens[0]!.text).toContain("screenshot below");
    expect(await withSections(screens)).toEqual(screens);
  });

  it("appends the passage that carries on a retrieved passage's section, unless it was retrieved itself", async () => {
    const [first] = await searchIndex(index, "paragraph 1 about core hours", { k: 1 });
    expect(first!.heading).toMatch(/Core hours/);
    const context = await readPassageContext(index, [first!]);
    const next = context.find((row) => row.docId === first!.docId && row.chunkIndex === first!.chunkIndex + 1);
    expect(next?.heading).toBe(first!.heading);
    const [continued] = withFollowingPassages([first!], context);
    expect(continued!.text.startsWith(`${first!.text}\n\n`)).toBe(true);
    expect(continued!.text.endsWith(next!.text.slice(-200))).toBe(true);
    // The chunks overlap by a paragraph or two; joined, each paragraph reads once.
    const paragraphs = continued!.text.split(/\n\n/).filter((p) => p.startsWith("Paragraph"));
    expect(new Set(paragraphs).size).toBe(paragraphs.length);
    expect(next!.text.startsWith(first!.text.split("\n\n").at(-1)!)).toBe(true);
    const both = [first!, { ...first!, chunkId: next!.id, chunkIndex: next!.chunkIndex, text: next!.text }];
    expect(withFollowingPassages(both, context)[0]!.text).toBe(first!.text);
  });

  it("answers with what the pointer points to, not the pointer alone", async () => {
    const answer = await answerQuestion(
      { platform: "cli", user: "u1", conversation: "c1", thread: "t1", text: "can I move to another country for a while?", history: [] },
      { index, generator: createExtractiveAnswerGenerator(), scopes: {}, logger: silentLogger() },
    );
    expect(answer.text).toMatch(
      /see "Working from abroad" below\. You may work from a country other than your country of employment for up to 30 working days/,
    );
    expect(answer.grounded).toBe(true);
  });
});
