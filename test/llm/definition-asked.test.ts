import { describe, expect, it } from "vitest";
import { definitionAsked } from "../../src/llm/definition-asked.ts";

describe("a question that asks what something is", () => {
  it("recognises the sentence that says what it is", () => {
    const hokusai = definitionAsked("what's hokusai?")!;
    expect(hokusai("Hokusai is a CLI tool for managing applications that run on Kubernetes.")).toBe(true);
    expect(hokusai("It will install kubectl; Hokusai is slow to start.")).toBe(false);
    const demoDays = definitionAsked("What are demo days?")!;
    expect(demoDays("Demo Days are a celebration of the progress of the last month.")).toBe(true);
    expect(definitionAsked("what is TOIL?")!("TOIL (time off in lieu) is the time you get back for working late.")).toBe(true);
    expect(definitionAsked("what is hokusai used for?")!("Hokusai is a CLI tool.")).toBe(true);
  });

  it("takes a verb or adjective after 'is' for no definition, and other questions for none at all", () => {
    expect(definitionAsked("what's a heartbeat?")!("Heartbeats are required of every team.")).toBe(false);
    expect(definitionAsked("how do I install hokusai?")).toBeNull();
    expect(definitionAsked("what is the process for requesting a new laptop when mine breaks?")).toBeNull();
  });
});
