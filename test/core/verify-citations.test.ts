import { describe, expect, it } from "vitest";
import { verifyCitations } from "../../src/core/verify-citations.ts";

describe("verifyCitations", () => {
  it("numbers citations in reading order and reports which sources were used", () => {
    expect(verifyCitations("Leave is paid [3]. Ask HR [1, 3].", 3)).toEqual({ text: "Leave is paid [1]. Ask HR [2][1].", used: [3, 1], removed: 0 });
  });

  it("drops a marker that points at no source, with the space it leaves before the stop", () => {
    expect(verifyCitations("Leave is paid [9]. Ask HR [1].", 2)).toEqual({ text: "Leave is paid. Ask HR [1].", used: [1], removed: 1 });
  });

  it("keeps the space before a name that opens with a dot", () => {
    const { text } = verifyCitations("The environment lives in a folder called .venv, listed in your .gitignore file. [1]", 1);
    expect(text).toBe("The environment lives in a folder called .venv, listed in your .gitignore file. [1]");
  });
});
