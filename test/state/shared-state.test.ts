import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger, silentLogger } from "../../src/logger.ts";
import { createMemoryState } from "../../src/state/memory-state.ts";
import { createRedisState, SharedStateError } from "../../src/state/redis-state.ts";
import type { SharedState } from "../../src/state/shared-state.ts";
import { freePort } from "../helpers/free-port.ts";
import { startRedis, type TestRedis } from "../helpers/start-redis.ts";

let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(() => redis.stop());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let keySpace = 0;
const fresh = (name: string) => `${name}:${Date.now()}:${keySpace++}`;

/** Two handles on one store, as two replicas would hold: memory is one process, so both share it. */
const stores: { kind: string; open: () => Promise<[SharedState, SharedState]> }[] = [
  {
    kind: "memory",
    open: async () => {
      const state = createMemoryState();
      return [state, state];
    },
  },
  {
    kind: "redis",
    open: async () => Promise.all([createRedisState({ url: redis.url, logger: silentLogger() }), createRedisState({ url: redis.url, logger: silentLogger() })]),
  },
];

describe.each(stores)("shared state in $kind", ({ open }) => {
  let a: SharedState;
  let b: SharedState;
  beforeAll(async () => {
    [a, b] = await open();
  });
  afterAll(async () => {
    await a.close();
    if (b !== a) await b.close();
  });

  it("lets exactly one replica claim a delivery, and the claim lapses after its time", async () => {
    const key = fresh("event");
    expect(await a.claim(key, 300)).toBe(true);
    expect(await b.claim(key, 300)).toBe(false);
    expect(await a.claim(key, 300)).toBe(false);
    expect(await b.claim(fresh("event"), 300)).toBe(true);
    await sleep(400);
    expect(await b.claim(key, 300)).toBe(true);
  });

  it("keeps a thread's newest items, in order, for every replica, and forgets them after their time", async () => {
    const key = fresh("thread");
    expect(await b.readList(key)).toEqual([]);
    await a.appendToList(key, ["q1", "a1"], { maxLength: 3, ttlMs: 300 });
    await b.appendToList(key, ["q2", "a2"], { maxLength: 3, ttlMs: 300 });
    expect(await a.readList(key)).toEqual(["a1", "q2", "a2"]);
    expect(await b.readList(key)).toEqual(["a1", "q2", "a2"]);
    await sleep(400);
    expect(await a.readList(key)).toEqual([]);
  });

  it("counts a user's questions across replicas in one sliding window", async () => {
    const key = fresh("user");
    const taken = [];
    for (const state of [a, b, a, b]) taken.push(await state.takeFromWindow(key, { limit: 3, windowMs: 300 }));
    expect(taken).toEqual([true, true, true, false]);
    await sleep(400);
    expect(await b.takeFromWindow(key, { limit: 3, windowMs: 300 })).toBe(true);
  });
});

describe("shared state when Redis goes away", () => {
  it("keeps answering from the replica's own memory, logs the outage once, reports it, and recovers", async () => {
    const own = await startRedis();
    const lines: string[] = [];
    const logger = createLogger({ level: "info", destination: new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }) });
    const state = await createRedisState({ url: own.url, logger, commandTimeoutMs: 300 });
    try {
      expect(await state.claim("before", 60_000)).toBe(true);
      expect(state.problem()).toBeNull();

      await own.kill();
      const started = Date.now();
      expect(await state.claim("during", 60_000)).toBe(true);
      expect(await state.claim("during", 60_000)).toBe(false);
      await state.appendToList("thread", ["q"], { maxLength: 5, ttlMs: 60_000 });
      expect(await state.readList("thread")).toEqual(["q"]);
      expect(await state.takeFromWindow("user", { limit: 1, windowMs: 60_000 })).toBe(true);
      expect(Date.now() - started).toBeLessThan(3000);
      expect(state.problem()).toMatchObject({ since: expect.any(String), error: expect.any(String) });
      expect(lines.filter((line) => line.includes("Redis is unreachable"))).toHaveLength(1);

      await own.restart();
      let recovered = false;
      for (let i = 0; i < 40 && !recovered; i++) {
        await sleep(250);
        recovered = (await state.claim(`after-${i}`, 60_000)) && state.problem() === null;
      }
      expect(recovered).toBe(true);
      expect(lines.some((line) => line.includes("Redis is reachable again"))).toBe(true);
    } finally {
      await state.close();
      await own.stop();
    }
  });

  it("refuses to start on a Redis that is not there, in plain words and without the password", async () => {
    const port = await freePort();
    const start = createRedisState({ url: `redis://docent:hunter2@127.0.0.1:${port}`, logger: silentLogger(), connectTimeoutMs: 1500 });
    await expect(start).rejects.toThrow(SharedStateError);
    await expect(start).rejects.toThrow(new RegExp(`cannot use Redis at 127\\.0\\.0\\.1:${port} \\(DOCENT_REDIS_URL\\): ECONNREFUSED`));
    await expect(start).rejects.not.toThrow(/hunter2/);
  });
});
