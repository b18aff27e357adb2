import { describe, expect, it } from "vitest";
import { createAckFirstScheduler } from "../../src/server/create-ack-first-scheduler.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("starting answers only after the activities in flight are acknowledged", () => {
  it("starts work shortly after it is scheduled when no request is in flight", async () => {
    const scheduler = createAckFirstScheduler({ quietMs: 5, maxWaitMs: 1_000 });
    let started = false;
    scheduler.schedule(() => (started = true));
    expect(started).toBe(false);
    await sleep(30);
    expect(started).toBe(true);
  });

  it("holds work while a request is being acknowledged, and starts it once the endpoint is quiet", async () => {
    const scheduler = createAckFirstScheduler({ quietMs: 5, maxWaitMs: 1_000 });
    const started: string[] = [];
    scheduler.requestStarted();
    scheduler.schedule(() => started.push("first answer"));
    scheduler.requestStarted();
    scheduler.schedule(() => started.push("second answer"));
    await sleep(30);
    expect(started).toEqual([]);
    scheduler.requestFinished();
    await sleep(30);
    expect(started).toEqual([]);
    scheduler.requestFinished();
    await sleep(30);
    expect(started).toEqual(["first answer", "second answer"]);
  });

  it("holds work while connections keep being accepted, since Node reads a burst's requests one connection per turn", async () => {
    // Connections 150 ms apart against a quiet time of 400 ms: a late timer has 250 ms of slack.
    const scheduler = createAckFirstScheduler({ quietMs: 400, maxWaitMs: 10_000 });
    let started = false;
    scheduler.schedule(() => (started = true));
    const scheduledAt = performance.now();
    for (let i = 0; i < 4; i++) {
      await sleep(150);
      scheduler.connectionAccepted();
    }
    // Past the quiet time counted from the schedule, but not from the last connection.
    expect(performance.now() - scheduledAt).toBeGreaterThan(400);
    expect(started).toBe(false);
    await sleep(700);
    expect(started).toBe(true);
  });

  it("starts one piece of work per turn of the event loop, so that requests arriving meanwhile are read in between", async () => {
    const scheduler = createAckFirstScheduler({ quietMs: 1, maxWaitMs: 1_000 });
    let turn = 0;
    let counting = true;
    const count = () => {
      turn++;
      if (counting) setImmediate(count);
    };
    count();
    const startedInTurn: number[] = [];
    for (let i = 0; i < 3; i++) scheduler.schedule(() => startedInTurn.push(turn));
    const deadline = performance.now() + 5_000;
    while (startedInTurn.length < 3 && performance.now() < deadline) await sleep(10);
    counting = false;
    expect(startedInTurn).toHaveLength(3);
    expect(startedInTurn[1]).toBeGreaterThan(startedInTurn[0]!);
    expect(startedInTurn[2]).toBeGreaterThan(startedInTurn[1]!);
  });

  it("never holds work longer than maxWaitMs, however busy the endpoint", async () => {
    const scheduler = createAckFirstScheduler({ quietMs: 5, maxWaitMs: 40 });
    let started = false;
    scheduler.requestStarted();
    scheduler.schedule(() => (started = true));
    await sleep(100);
    expect(started).toBe(true);
  });

  it("starts everything at once when flushed (on shutdown)", () => {
    const scheduler = createAckFirstScheduler();
    let started = 0;
    scheduler.requestStarted();
    scheduler.schedule(() => started++);
    scheduler.schedule(() => started++);
    scheduler.flush();
    expect(started).toBe(2);
  });
});
