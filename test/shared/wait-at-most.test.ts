import { describe, expect, it } from "vitest";
import { waitAtMost } from "../../src/shared/wait-at-most.ts";

describe("waiting for work at most so long", () => {
  it("gives the work's value when it finishes in time", async () => {
    expect(await waitAtMost(Promise.resolve(42), 1_000)).toEqual({ done: true, value: 42 });
  });

  it("gives up when the work takes longer, and the work goes on", async () => {
    let finished = false;
    const work = new Promise<void>((resolve) => setTimeout(resolve, 60)).then(() => {
      finished = true;
    });
    expect(await waitAtMost(work, 5)).toEqual({ done: false });
    expect(finished).toBe(false);
    await work;
    expect(finished).toBe(true);
  });

  it("passes on the work's failure within the wait", async () => {
    await expect(waitAtMost(Promise.reject(new Error("refused")), 1_000)).rejects.toThrow("refused");
  });
});
