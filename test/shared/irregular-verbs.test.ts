import { describe, expect, it } from "vitest";
import { verbBase } from "../../src/shared/irregular-verbs.ts";

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
