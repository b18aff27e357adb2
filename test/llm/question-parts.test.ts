import { describe, expect, it } from "vitest";
import { questionParts } from "../../src/llm/question-parts.ts";

describe("the questions a message asks", () => {
  it("are none for a message that asks one thing", () => {
    expect(questionParts("how many weeks of parental leave do we get?")).toEqual([]);
    expect(questionParts("left my badge at home and now my mac won't let me log in, help")).toEqual([]);
  });

  it("are told apart at a question mark and at a comma or 'and' before a word that opens a question", () => {
    expect(questionParts("who do I ping with travel questions? and who fixes Concur when it breaks?")).toEqual([
      "who do I ping with travel questions?",
      "and who fixes Concur when it breaks?",
    ]);
    expect(questionParts("how do I ask for a reasonable accommodation, and how long until I hear back?")).toEqual([
      "how do I ask for a reasonable accommodation",
      "how long until I hear back?",
    ]);
  });

  it("leave out what the asker says about their situation", () => {
    expect(questionParts("I'm on a gliding schedule, is there a limit on credit hours?")).toEqual([]);
    expect(questionParts("when the IC splits a big incident into sub-teams, what are the teams called?")).toEqual([]);
    expect(questionParts("can't tell if this is a sev-2 or a sev-1, should we hash it out on the call first?")).toEqual([]);
    expect(questionParts("out of sick leave. can I borrow hours? what paperwork do I need?")).toEqual(["can I borrow hours?", "what paperwork do I need?"]);
  });

  it("keep a question without words of its own with the one it leans on", () => {
    expect(questionParts("can I borrow sick hours I haven't earned yet? how many, and what paperwork do I need?")).toEqual([
      "can I borrow sick hours I haven't earned yet? how many",
      "what paperwork do I need?",
    ]);
  });
});
