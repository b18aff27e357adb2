import { describe, expect, it } from "vitest";
import { isRelevantEnough } from "../../src/core/relevance-gate.ts";

const passage = (text: string, title = "Leadership") => ({ title, heading: null, text });
const ORG = passage("Our Chief Operating Officer (COO) leads finance, people operations and contracts.");

describe("the relevance gate: is there anything worth answering from?", () => {
  it("passes when a passage holds two of the question's words and a fair share of it", () => {
    expect(isRelevantEnough("who leads people operations?", [ORG])).toBe(true);
  });

  it("declines when the only shared word is a coincidence", () => {
    expect(isRelevantEnough("what is the boiling point of tungsten in kelvin?", [passage("Make your point in the first sentence.")])).toBe(false);
  });

  it("answers a question of one word when a passage holds that word, and declines it otherwise", () => {
    expect(isRelevantEnough("who's our COO?", [ORG])).toBe(true);
    expect(isRelevantEnough("who's our CFO?", [ORG])).toBe(false);
  });

  it("answers two words when one names a section and the other is a word the passages use elsewhere", () => {
    const dental = { title: "Benefits", heading: "Dental insurance", text: "MetLife provides dental insurance; the company pays the premium." };
    const retirement = { title: "Benefits", heading: "Retirement", text: "The retirement plan matches 6% of your salary." };
    const savings = { title: "Benefits", heading: "Savings account", text: "The savings plan takes money before tax." };
    expect(isRelevantEnough("what's the dental plan?", [dental, retirement, savings])).toBe(true);
    // "Dress" is in no passage, or only in passing: it is what the question asks about, and "code" under a heading is a coincidence.
    const code = { title: "Code review", heading: null, text: "Every change to the code is reviewed by a second engineer." };
    const party = { title: "Rituals", heading: "Holiday party", text: "Dress up for the holiday party if you like." };
    expect(isRelevantEnough("what's the dress code?", [code, retirement])).toBe(false);
    expect(isRelevantEnough("what's the dress code?", [code, party])).toBe(false);
    expect(isRelevantEnough("what's the dental plan?", [dental])).toBe(false);
  });

  it("leaves a question of three words or more sharing one of them to a generator that judges meaning, and still gates shorter ones", () => {
    const tungsten = "what is the boiling point of tungsten in kelvin?";
    const point = [passage("Make your point in the first sentence.")];
    expect(isRelevantEnough(tungsten, point, { meaningJudged: true })).toBe(true);
    expect(isRelevantEnough(tungsten, [passage("Every meeting has an agenda.")], { meaningJudged: true })).toBe(false);
    expect(isRelevantEnough("who's our CFO?", [ORG], { meaningJudged: true })).toBe(false);
    const code = { title: "Code review", heading: null, text: "Every change to the code is reviewed by a second engineer." };
    expect(isRelevantEnough("what's the dress code?", [code], { meaningJudged: true })).toBe(false);
  });

  it("declines when nothing was retrieved or the question has no content words", () => {
    expect(isRelevantEnough("who's our COO?", [])).toBe(false);
    expect(isRelevantEnough("what do I do now?", [ORG])).toBe(false);
  });
});
