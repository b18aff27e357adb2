import { waitAtMost } from "../shared/wait-at-most.ts";
import { createClient } from "@redis/client";
import type { Logger } from "../logger.ts";
import { SetupError } from "../shared/setup-error.ts";
import { createMemoryState } from "./memory-state.ts";
import type { SharedState, StateProblem } from "./shared-state.ts";

export interface RedisStateOptions {
  url: string;
  logger: Logger;
  /** A command slower than this counts as Redis being unreachable: an answer must not wait on shared state. */
  commandTimeoutMs?: number;
  connectTimeoutMs?: number;
}

/** Thrown at start-up when Redis cannot be reached or refuses the credentials; the message is for people. */
export class SharedStateError extends SetupError {}

const PREFIX = "docent:";

// Drop events older than the window, then admit this one only if fewer than `limit` remain. In a script so
// two replicas cannot both admit the last free place.
const TAKE_FROM_WINDOW = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;

/**
 * Shared state in Redis. While Redis is unreachable every call falls back to this process's memory, so a
 * question is never dropped for want of shared state: the cost is at worst a rare duplicate answer or a
 * follow-up without context. The outage is logged once and reported by `problem()` until a call succeeds.
 */
export async function createRedisState(options: RedisStateOptions): Promise<SharedState> {
  const where = describeRedisUrl(options.url);
  const outage = trackOutage(options.logger, where);
  const client = await connectRedis(options, where, outage);
  const fallback = createMemoryState();
  const attempt = attemptWithFallback(client, outage);

  return {
    kind: "redis",
    claim: (key, ttlMs) =>
      attempt(
        async () => (await client.set(PREFIX + key, "1", { condition: "NX", expiration: { type: "PX", value: ttlMs } })) === "OK",
        () => fallback.claim(key, ttlMs),
      ),
    readList: (key) =>
      attempt(
        () => client.lRange(PREFIX + key, 0, -1),
        () => fallback.readList(key),
      ),
    appendToList: (key, items, limits) =>
      attempt(
        async () => {
          if (items.length === 0) return;
          await client
            .multi()
            .rPush(PREFIX + key, items)
            .lTrim(PREFIX + key, -limits.maxLength, -1)
            .pExpire(PREFIX + key, limits.ttlMs)
            .exec();
        },
        () => fallback.appendToList(key, items, limits),
      ),
    takeFromWindow: (key, limits) =>
      attempt(
        async () => {
          const now = Date.now();
          const member = `${now}:${Math.random().toString(36).slice(2)}`;
          const args = [String(now), String(limits.windowMs), String(limits.limit), member];
          return (await client.eval(TAKE_FROM_WINDOW, { keys: [PREFIX + key], arguments: args })) === 1;
        },
        () => fallback.takeFromWindow(key, limits),
      ),
    problem: outage.current,
    async close() {
      await (client.isOpen ? client.close() : client.destroy());
    },
  };
}

function newRedisClient(options: RedisStateOptions) {
  return createClient({
    url: options.url,
    // Fail fast instead of queueing commands until Redis returns: the fallback answers meanwhile.
    disableOfflineQueue: true,
    commandOptions: { timeout: options.commandTimeoutMs ?? 500 },
    socket: { connectTimeout: options.connectTimeoutMs ?? 5000, reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 5000) },
  });
}

type RedisClient = ReturnType<typeof newRedisClient>;

/** Connected within the connect timeout, or a SharedStateError naming the address (never its password). */
async function connectRedis(options: RedisStateOptions, where: string, outage: ReturnType<typeof trackOutage>): Promise<RedisClient> {
  const client = newRedisClient(options);
  client.on("error", outage.note);
  try {
    await connectWithin(client, options.connectTimeoutMs ?? 5000, outage);
    outage.clear();
    return client;
  } catch (error) {
    await client.destroy();
    throw new SharedStateError(`cannot use Redis at ${where} (DOCENT_REDIS_URL): ${errorText(error)}`);
  }
}

/** Runs a Redis call, or its in-memory stand-in while Redis is unreachable; the outage is noted either way. */
function attemptWithFallback(client: RedisClient, outage: ReturnType<typeof trackOutage>) {
  return async <T>(run: () => Promise<T>, instead: () => Promise<T>): Promise<T> => {
    if (!client.isReady) {
      outage.note(new Error("not connected"));
      return instead();
    }
    try {
      const result = await run();
      outage.clear();
      return result;
    } catch (error) {
      outage.note(error);
      return instead();
    }
  };
}

/** Since when and why Redis does not answer: logged once when it starts, once when it ends. */
function trackOutage(logger: Logger, where: string) {
  let problem: StateProblem | null = null;
  return {
    note(error: unknown) {
      if (problem) return;
      problem = { since: new Date().toISOString(), error: errorText(error) };
      logger.warn({ redis: where, err: problem.error }, "Redis is unreachable: answering with this replica's own memory until it returns");
    },
    clear() {
      if (!problem) return;
      logger.info({ redis: where, down: problem.since }, "Redis is reachable again");
      problem = null;
    },
    current: (): StateProblem | null => problem,
  };
}

/** connect() keeps retrying by the reconnect strategy; at start a wrong URL must fail within a budget. */
async function connectWithin(
  client: { connect(): Promise<unknown>; ping(): Promise<unknown> },
  budgetMs: number,
  outage: ReturnType<typeof trackOutage>,
): Promise<void> {
  const waited = await waitAtMost(
    client.connect().then(() => client.ping()),
    budgetMs,
  );
  if (!waited.done) throw new Error(outage.current()?.error ?? `no answer within ${budgetMs} ms`);
}

/** `redis://user:secret@host:6379/0` as `host:6379/0`: the address helps, the password must not reach logs. */
export function describeRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname && parsed.pathname !== "/" ? parsed.pathname : ""}`;
  } catch {
    return "an unparsable URL";
  }
}

function errorText(error: unknown): string {
  const e = error as { code?: string; message?: string; errors?: { code?: string; message?: string }[] };
  // Node reports a refused dual-stack connect as an AggregateError whose own message is empty.
  const inner = e?.errors?.[0];
  return e?.code ?? inner?.code ?? (e?.message || inner?.message || String(error));
}
