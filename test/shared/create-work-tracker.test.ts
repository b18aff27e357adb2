import { describe, expect, it } from "vitest";
import { createWorkTracker } from "../../src/shared/create-work-tracker.ts";

const later = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe("the tracker of work in flight", () => {
  it("hands tracked work back unchanged and forgets it once settled, failed or not", async () => {
    const tracker = createWorkTracker();
    const failing = tracker.track(Promise.reject(new Error("no")));
    expect(await tracker.track(later(5, "answer"))).toBe("answer");
    await expect(failing).rejects.toThrow("no");
    expect(tracker.size).toBe(0);
  });

  it("drains work tracked while it drains, too", async () => {
    const tracker = createWorkTracker();
    const done: string[] = [];
    void tracker.track(later(10, "first").then((value) => void tracker.track(later(10, "second").then((next) => done.push(value, next)))));
    expect(await tracker.drain()).toBe(true);
    expect(done).toEqual(["first", "second"]);
  });

  it("stops waiting after its grace period, and says so", async () => {
    const tracker = createWorkTracker({ graceMs: 20 });
    void tracker.track(new Promise(() => undefined));
    expect(await tracker.drain()).toBe(false);
    expect(tracker.size).toBe(1);
  });
});
