import { describe, expect, it } from "vitest";
import { citeOncePerRun } from "../../src/core/cite-once-per-run.ts";

describe("citing a run of sentences from the same sources once", () => {
  it("keeps the citation after the last sentence of a run from one source", () => {
    expect(citeOncePerRun("Give four weeks' notice. [1] Put it in writing. [1] Your manager confirms it. [1]")).toBe(
      "Give four weeks' notice. Put it in writing. Your manager confirms it. [1]",
    );
  });

  it("starts a new run where the sources change, and cites each run", () => {
    expect(citeOncePerRun("A rule. [1] Its form. [2] Where to send it. [2] The deadline. [1]")).toBe(
      "A rule. [1] Its form. Where to send it. [2] The deadline. [1]",
    );
    expect(citeOncePerRun("Both say so [1][2]. Again both [1][2]. Only one [2].")).toBe("Both say so. Again both [1][2]. Only one [2].");
  });

  it("keeps a citation on every line, so each item of a list stays cited", () => {
    expect(citeOncePerRun("- Monitor [1]\n- Keyboard [1]")).toBe("- Monitor [1]\n- Keyboard [1]");
  });

  it("leaves a text without citations as it is", () => {
    expect(citeOncePerRun("I couldn't find an answer to that in the knowledge base.")).toBe("I couldn't find an answer to that in the knowledge base.");
  });
});
