import { describe, expect, it } from "vitest";
import {
  FEEDBACK_ACTION_ID,
  MAX_BLOCKS,
  MAX_SECTION_CHARS,
  NOT_GROUNDED_NOTE,
  renderAnswerBlocks,
  sourceLine,
} from "../../../adapters/slack/render-answer-blocks.ts";
import { describeAge } from "../../../src/core/describe-age.ts";
import type { Answer, Citation } from "../../../src/core/types.ts";

const NOW = Date.UTC(2026, 5, 30, 12);
const DAY = 86_400_000;

const citation = (n: number, extra: Partial<Citation> = {}): Citation => ({
  n,
  docId: `doc-${n}.md`,
  title: `Document ${n}`,
  url: `https://kb.example.com/doc-${n}.md`,
  heading: null,
  snippet: "…",
  updatedAt: NOW - 3 * DAY,
  ...extra,
});
const answer = (extra: Partial<Answer> = {}): Answer => ({
  id: "0b7f2c1e-4a51-4c5e-9a0e-3f1d2b6c7a88",
  text: "You get 16 weeks of paid leave [1]. Tell your manager eight weeks ahead [2].",
  citations: [citation(1), citation(2)],
  grounded: true,
  mode: "extractive",
  unsupported: [],
  query: "parental leave",
  ...extra,
});
const texts = (blocks: any[]) => blocks.filter((b) => b.type === "section").map((b) => b.text.text as string);

describe("rendering an answer as Block Kit", () => {
  it("shows the text with its [n] markers, then one link per cited source, then feedback buttons", () => {
    const { text, blocks } = renderAnswerBlocks(answer(), { now: NOW });
    expect(text).toBe("You get 16 weeks of paid leave [1]. Tell your manager eight weeks ahead [2].");
    expect(blocks.map((b) => b.type)).toEqual(["section", "section", "context_actions"]);
    const [body, sources] = texts(blocks);
    expect(body).toBe(text);
    expect(sources).toBe(
      [
        "*Sources*",
        "<https://kb.example.com/doc-1.md|[1] Document 1> · updated 3 days ago",
        "<https://kb.example.com/doc-2.md|[2] Document 2> · updated 3 days ago",
      ].join("\n"),
    );
  });

  it("gives a source without a URL its title alone, with its heading when that says more", () => {
    expect(sourceLine(citation(3, { url: null, title: "Office Wi-Fi", heading: "Office Wi-Fi › Guests" }), NOW)).toBe(
      "[3] Office Wi-Fi · Office Wi-Fi › Guests · updated 3 days ago",
    );
    expect(sourceLine(citation(1, { heading: "Document 1", updatedAt: 0 }), NOW)).toBe("<https://kb.example.com/doc-1.md|[1] Document 1>");
  });

  it("escapes &, < and > everywhere (and only those), so no text can ping a channel or forge a link", () => {
    const { blocks, text } = renderAnswerBlocks(
      answer({
        text: "Use <!channel> & <@U123> for *urgent* 1 < 2 > 0 cases [1].",
        citations: [citation(1, { title: "Travel & <Expenses>", url: "https://kb.example.com/a b|c>.md?x=1&y=2" })],
      }),
      { now: NOW },
    );
    const [body, sources] = texts(blocks);
    expect(body).toBe("Use &lt;!channel&gt; &amp; &lt;@U123&gt; for *urgent* 1 &lt; 2 &gt; 0 cases [1].");
    expect(text).toBe(body);
    expect(sources).toContain("<https://kb.example.com/a%20b%7Cc%3E.md?x=1&amp;y=2|[1] Travel &amp; &lt;Expenses&gt;>");
  });

  it("turns the answer's Markdown into Slack's mrkdwn (bold, links, headings, bullets)", () => {
    const { blocks } = renderAnswerBlocks(
      answer({ text: "## Steps\n- **Forward** it to [security](https://kb.example.com/s?a=1&b=2) [1]\n- then delete it ~~now~~" }),
      { now: NOW },
    );
    expect(texts(blocks)[0]).toBe("*Steps*\n• *Forward* it to <https://kb.example.com/s?a=1&amp;b=2|security> [1]\n• then delete it ~now~");
  });

  it("adds a note when not every statement could be verified against the sources", () => {
    const { blocks } = renderAnswerBlocks(answer({ grounded: false, unsupported: ["Tell your manager eight weeks ahead [2]."] }), { now: NOW });
    const note = blocks.find((b) => b.type === "context") as any;
    expect(note.elements[0].text).toBe(NOT_GROUNDED_NOTE);
    expect(NOT_GROUNDED_NOTE).toMatch(/Some statements could not be verified against the sources/);
    expect(renderAnswerBlocks(answer(), { now: NOW }).blocks.some((b) => b.type === "context")).toBe(false);
  });

  it("renders a no-answer as the text plus the closest sources, still with feedback buttons", () => {
    const { blocks } = renderAnswerBlocks(
      answer({
        mode: "no-answer",
        text: "I couldn't find an answer to that in the knowledge base. These are the closest sources I found:",
        citations: [citation(1)],
      }),
      { now: NOW },
    );
    expect(texts(blocks)[1]).toMatch(/^\*Closest sources\*\n<https:\/\/kb\.example\.com\/doc-1\.md\|\[1\] Document 1>/);
    expect(blocks.at(-1)!.type).toBe("context_actions");
    expect(blocks.some((b) => b.type === "context")).toBe(false);
  });

  it("carries the answer id and the vote in the feedback buttons' values", () => {
    const block = renderAnswerBlocks(answer(), { now: NOW }).blocks.at(-1) as any;
    expect(block).toMatchObject({ type: "context_actions", elements: [{ type: "feedback_buttons", action_id: FEEDBACK_ACTION_ID }] });
    expect(block.elements[0].positive_button).toMatchObject({ value: "0b7f2c1e-4a51-4c5e-9a0e-3f1d2b6c7a88:up", text: { type: "plain_text" } });
    expect(block.elements[0].negative_button.value).toBe("0b7f2c1e-4a51-4c5e-9a0e-3f1d2b6c7a88:down");
    for (const button of [block.elements[0].positive_button, block.elements[0].negative_button]) {
      expect(button.text.text.length).toBeLessThanOrEqual(75);
      expect(button.accessibility_label.length).toBeLessThanOrEqual(75);
    }
  });

  it("splits a long answer over several sections of at most 3000 characters, losing nothing", () => {
    const paragraph = "Leave policy details apply to every office and every contract type. ".repeat(30).trim();
    const long = Array.from({ length: 6 }, (_, i) => `${paragraph} [${(i % 2) + 1}]`).join("\n\n");
    const { blocks, text } = renderAnswerBlocks(answer({ text: long }), { now: NOW });
    const body = texts(blocks).slice(0, -1);
    expect(body.length).toBeGreaterThan(1);
    for (const section of body) expect(section.length).toBeLessThanOrEqual(MAX_SECTION_CHARS);
    expect(body.join(" ").replace(/\s+/g, " ")).toBe(long.replace(/\s+/g, " "));
    expect(text.length).toBeLessThanOrEqual(3000);
  });

  it("stays within 50 blocks however long the answer, and says it was shortened", () => {
    const huge = "word ".repeat(60_000);
    const { blocks } = renderAnswerBlocks(answer({ text: huge, grounded: false }), { now: NOW });
    expect(blocks.length).toBe(MAX_BLOCKS);
    expect(texts(blocks).at(-2)).toMatch(/answer shortened/);
    expect(blocks.at(-1)!.type).toBe("context_actions");
    for (const section of texts(blocks)) expect(section.length).toBeLessThanOrEqual(MAX_SECTION_CHARS);
  });

  it("renders only what follows the text when the text already streamed in", () => {
    const { blocks, text } = renderAnswerBlocks(answer(), { now: NOW, withText: false });
    expect(blocks.map((b) => b.type)).toEqual(["section", "context_actions"]);
    expect(texts(blocks)[0]).toMatch(/^\*Sources\*/);
    expect(text).toMatch(/16 weeks/);
  });

  it("says how old a source is in words", () => {
    expect(describeAge(NOW - 2 * 3600_000, NOW)).toBe("updated today");
    expect(describeAge(NOW - DAY, NOW)).toBe("updated yesterday");
    expect(describeAge(NOW - 45 * DAY, NOW)).toBe("updated 45 days ago");
    expect(describeAge(NOW - 200 * DAY, NOW)).toBe("updated 6 months ago");
    expect(describeAge(NOW - 1000 * DAY, NOW)).toBe("updated 2 years ago");
    expect(describeAge(0, NOW)).toBeNull();
  });
});
