import { describe, expect, it } from "vitest";
import { verbBase, withVerbBases } from "../../src/shared/irregular-verbs.ts";

describe("an irregular verb's base form", () => {
  it("is found from its past and its participle", () => {
    expect(verbBase("paid")).toBe("pay");
    expect(verbBase("wrote")).toBe("write");
    expect(verbBase("written")).toBe("write");
    expect(verbBase("gotten")).toBe("get");
  });

  it("is none for a base form, a regular verb, or a past that is more often another word", () => {
    expect(verbBase("pay")).toBeNull();
    expect(verbBase("worked")).toBeNull();
    expect(verbBase("left")).toBeNull();
    expect(verbBase("ground")).toBeNull();
  });
});

describe("a question searched with its verbs' base forms", () => {
  it("has each irregular past followed by its base, and every other word as typed", () => {
    expect(withVerbBases("Who paid for the laptop I bought?")).toBe("Who paid pay for the laptop I bought buy?");
  });

  it('leaves a contraction whole: "won\'t" is no past of "win"', () => {
    expect(withVerbBases("my mac won't let me log in")).toBe("my mac won't let me log in");
    expect(withVerbBases("only been a fed for 4 months")).toBe("only been a fed for 4 months");
  });
});
