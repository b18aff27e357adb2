import { describe, expect, it } from "vitest";
import { carryTopic } from "../../src/core/carry-topic.ts";
import { planSearch, readPlan } from "../../src/core/plan-search.ts";
import { silentLogger } from "../../src/logger.ts";

describe("a follow-up without a model", () => {
  const previous = "How many weeks of parental leave do I get?";

  it.each([
    "what about adoption?",
    "and do I need a year of service first?",
    "is it paid?",
    "does that apply to contractors?",
    "do I still get paid?",
    "ok thanks! and for contractors?",
    "btw is it paid?",
    "Thanks. Contractors too?",
    "is that a different thing for contractors?",
    "how much is it if I use my own computer instead of a company one?",
  ])("carries the thread's topic into %j, which cannot stand alone", (followUp) => {
    expect(carryTopic(followUp, previous)).toMatch(/parental leave .*\?$/);
  });

  it.each([
    "What's the wifi password at the office?",
    "Can I work from another country for a few weeks?",
    "what's Kandji?",
    "who runs SIP?",
    "ok thanks. unrelated: what happens with my laptop when I leave?",
    "different question - is it ok to expense a taxi?",
    "also, could I work from Spain for a couple of weeks?",
    "thanks so much! how do I book a meeting room?",
    "is it ok to keep personal photos on my work laptop?",
    "random q - how do I order business cards?",
  ])("searches %j as it is: it names its own topic", (question) => {
    expect(carryTopic(question, previous)).toBe(question);
  });

  it("carries the last question's topic, not one from earlier in the thread", async () => {
    const history = [
      { role: "user" as const, text: "How many weeks of parental leave do I get?" },
      { role: "assistant" as const, text: "Birth parents get 16 weeks of paid leave. [1]" },
      { role: "user" as const, text: "What's the wifi password at the office?" },
      { role: "assistant" as const, text: "Ask reception. [1]" },
    ];
    const guests = (await planSearch("and for guests?", history, { logger: silentLogger() })).standalone;
    expect(guests).toMatch(/wifi password office and for guests\?$/);
    expect(guests).not.toMatch(/parental/);
  });

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
