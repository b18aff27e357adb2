import type { Turn } from "./types.ts";

export interface ThreadMemoryOptions {
  maxThreads?: number;
  maxTurns?: number;
  /** Threads untouched for this long are forgotten. */
  ttlMs?: number;
  now?: () => number;
}

/**
 * Recent turns per thread, bounded in threads, turns and age. Teams offers bots no thread history API
 * and Slack's is rate-limited for most apps, so the core remembers what it was asked and answered.
 */
export function createThreadMemory(options: ThreadMemoryOptions = {}) {
  const maxThreads = options.maxThreads ?? 5000;
  const maxTurns = options.maxTurns ?? 10;
  const ttlMs = options.ttlMs ?? 24 * 3600_000;
  const now = options.now ?? Date.now;
  const threads = new Map<string, { turns: Turn[]; touched: number }>();
  return {
    get(key: string): Turn[] {
      const entry = threads.get(key);
      if (!entry || now() - entry.touched > ttlMs) {
        threads.delete(key);
        return [];
      }
      return [...entry.turns];
    },
    append(key: string, ...turns: Turn[]): void {
      const entry = threads.get(key);
      const kept = entry && now() - entry.touched <= ttlMs ? entry.turns : [];
      threads.delete(key); // re-inserted last: Map order is the least-recently-used order
      threads.set(key, { turns: [...kept, ...turns].slice(-maxTurns), touched: now() });
      while (threads.size > maxThreads) threads.delete(threads.keys().next().value!);
    },
    has(key: string): boolean {
      return this.get(key).length > 0;
    },
    get size() {
      return threads.size;
    },
  };
}

export type ThreadMemory = ReturnType<typeof createThreadMemory>;
