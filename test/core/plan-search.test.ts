import { describe, expect, it } from "vitest";
import { carryTopic } from "../../src/core/carry-topic.ts";
import { readPlan } from "../../src/core/plan-search.ts";

describe("a follow-up without a model", () => {
  const previous = "How many weeks of parental leave do I get?";

  it.each(["what about adoption?", "and do I need a year of service first?", "is it paid?", "does that apply to contractors?"])(
    "carries the thread's topic into %j, which cannot stand alone",
    (followUp) => {
      expect(carryTopic(followUp, previous)).toMatch(/parental leave .*\?$/);
    },
  );

  it.each(["What's the wifi password at the office?", "Can I work from another country for a few weeks?"])(
    "searches %j as it is: it names its own topic",
    (question) => {
      expect(carryTopic(question, previous)).toBe(question);
    },
  );

  it("leaves a first question alone", () => {
    expect(carryTopic("is it paid?", undefined)).toBe("is it paid?");
  });
});

describe("reading the model's search plan", () => {
  it("takes the JSON object out of a code fence, keeps at most three distinct searches", () => {
    const plan = readPlan(
      '```json\n{"question": "Is there a transit benefit?", "queries": ["transit subsidy", "commuting benefit", "transit subsidy", "parking", "bike"]}\n```',
    );
    expect(plan).toEqual({ standalone: "Is there a transit benefit?", queries: ["transit subsidy", "commuting benefit", "parking"] });
  });

  it.each(["Sure, search for transit.", '{"queries": ["transit"]}', '{"question": "", "queries": []}', "{not json}"])("refuses %j", (reply) => {
    expect(readPlan(reply)).toBeNull();
  });
});
