import { describe, expect, it } from "vitest";
import { MAX_CITATIONS, NOT_GROUNDED_NOTE, renderAnswerActivity } from "../../../adapters/teams/render-answer-activity.ts";
import type { Answer, Citation } from "../../../src/core/types.ts";

const citation = (n: number, overrides: Partial<Citation> = {}): Citation => ({
  n,
  docId: `policies/doc-${n}.md`,
  title: `Document ${n}`,
  url: `https://kb.example.com/policies/doc-${n}.md`,
  heading: null,
  snippet: `What document ${n} says.`,
  updatedAt: 0,
  ...overrides,
});

const answer = (overrides: Partial<Answer> = {}): Answer => ({
  id: "answer-1",
  text: "Employees get 16 weeks of parental leave [1]. Requests go through the HR portal [2].",
  citations: [citation(1), citation(2)],
  grounded: true,
  mode: "llm",
  unsupported: [],
  query: "parental leave",
  ...overrides,
});

const entityOf = (activity: ReturnType<typeof renderAnswerActivity>) => {
  expect(activity.entities).toHaveLength(1);
  return activity.entities![0]!;
};

describe("rendering an answer as Teams' AI message", () => {
  it("is a message with exactly one root schema.org Message entity: the AI label and one citation per marker", () => {
    const activity = renderAnswerActivity(answer());
    expect(activity.type).toBe("message");
    expect(entityOf(activity)).toEqual({
      type: "https://schema.org/Message",
      "@type": "Message",
      "@context": "https://schema.org",
      "@id": "",
      additionalType: ["AIGeneratedContent"],
      citation: [1, 2].map((n) => ({
        "@type": "Claim",
        position: n,
        appearance: {
          "@type": "DigitalDocument",
          name: `Document ${n}`,
          abstract: `What document ${n} says.`,
          url: `https://kb.example.com/policies/doc-${n}.md`,
          image: { "@type": "ImageObject", name: "Text" },
        },
      })),
    });
  });

  it("keeps the answer's [n] markers, matching the citations' positions", () => {
    const activity = renderAnswerActivity(answer());
    expect(activity.text!.startsWith("Employees get 16 weeks of parental leave [1]. Requests go through the HR portal [2].")).toBe(true);
    expect(entityOf(activity).citation.map((c: { position: number }) => c.position)).toEqual([1, 2]);
  });

  it("turns on Teams' native feedback buttons", () => {
    expect(renderAnswerActivity(answer()).channelData).toEqual({ feedbackLoop: { type: "default" } });
  });

  it("lists the sources in the text too, with their links", () => {
    expect(renderAnswerActivity(answer()).text).toContain(
      "**Sources:**\n\n[1] Document 1 – https://kb.example.com/policies/doc-1.md\n\n[2] Document 2 – https://kb.example.com/policies/doc-2.md",
    );
  });

  it("cuts names to 80 characters and abstracts to 160, and leaves the url out when there is none", () => {
    const long = citation(1, { title: "T".repeat(120), snippet: "word ".repeat(100), url: null });
    const [claim] = entityOf(renderAnswerActivity(answer({ text: "A claim [1].", citations: [long] }))).citation;
    expect(claim.appearance.name).toHaveLength(80);
    expect(claim.appearance.name.endsWith("…")).toBe(true);
    expect(claim.appearance.abstract.length).toBeLessThanOrEqual(160);
    expect(claim.appearance).not.toHaveProperty("url");
    expect(renderAnswerActivity(answer({ text: "A claim [1].", citations: [long] })).text).toContain(`[1] ${"T".repeat(120)}`);
  });

  it("never sends a url that is not http(s), nor an empty abstract", () => {
    const odd = citation(1, { url: "file:///srv/docs/leave.md", snippet: "" });
    const [claim] = entityOf(renderAnswerActivity(answer({ text: "A claim [1].", citations: [odd] }))).citation;
    expect(claim.appearance).not.toHaveProperty("url");
    expect(claim.appearance.abstract).toBe("Document 1");
  });

  it("offers the heading path as up to three keywords of at most 28 characters", () => {
    const headed = citation(1, { heading: "People › Leave › Parental leave for all kinds of families" });
    const [claim] = entityOf(renderAnswerActivity(answer({ text: "A claim [1].", citations: [headed] }))).citation;
    expect(claim.appearance.keywords).toEqual(["People", "Leave", "Parental leave for all kind…"]);
    expect(claim.appearance.keywords.every((k: string) => k.length <= 28)).toBe(true);
  });

  it("shows how fresh each source is, under the citation and in the sources list", () => {
    const now = Date.UTC(2026, 10, 28);
    const activity = renderAnswerActivity(answer({ citations: [citation(1, { heading: "Leave › Parental leave", updatedAt: now - 3 * 86_400_000 })] }), now);
    const [claim] = entityOf(activity).citation;
    expect(claim.appearance.keywords).toEqual(["Leave", "Parental leave", "updated 3 days ago"]);
    expect(activity.text).toMatch(/\[1\] .*\(updated 3 days ago\)/);
  });

  it("shows Teams' icon for the document's format", () => {
    const pdf = citation(1, { docId: "handbook/leave.pdf" });
    const html = citation(2, { docId: "intranet/page.html" });
    const [pdfClaim, htmlClaim] = entityOf(renderAnswerActivity(answer({ citations: [pdf, html] }))).citation;
    expect(pdfClaim.appearance.image).toEqual({ "@type": "ImageObject", name: "PDF" });
    expect(htmlClaim.appearance).not.toHaveProperty("image");
  });

  it("sends at most 20 citations, Teams' limit", () => {
    const many = Array.from({ length: 25 }, (_, i) => citation(i + 1));
    const text = many.map((c) => `Claim [${c.n}].`).join(" ");
    const entity = entityOf(renderAnswerActivity(answer({ text, citations: many })));
    expect(entity.citation).toHaveLength(MAX_CITATIONS);
    expect(entity.citation.at(-1).position).toBe(20);
  });

  it("says so when the answer is not fully grounded in its sources", () => {
    expect(renderAnswerActivity(answer({ grounded: false, unsupported: ["Requests go through the HR portal."] })).text).toContain(NOT_GROUNDED_NOTE);
    expect(renderAnswerActivity(answer()).text).not.toContain(NOT_GROUNDED_NOTE);
  });

  it("renders a no-answer as the core's words and the closest sources, with no citation markers", () => {
    const declined = answer({
      mode: "no-answer",
      text: "I couldn't find an answer to that in the knowledge base. These are the closest sources I found:",
      citations: [citation(1), citation(2, { url: null })],
    });
    const activity = renderAnswerActivity(declined);
    expect(activity.text).toBe(
      "I couldn't find an answer to that in the knowledge base. These are the closest sources I found:\n\n- Document 1 – https://kb.example.com/policies/doc-1.md\n- Document 2",
    );
    expect(activity.text).not.toMatch(/\[\d+\]/);
    const entity = entityOf(activity);
    expect(entity.additionalType).toEqual(["AIGeneratedContent"]);
    expect(entity).not.toHaveProperty("citation");
    expect(activity.channelData).toEqual({ feedbackLoop: { type: "default" } });
  });
});
