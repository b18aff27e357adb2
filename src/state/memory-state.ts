import type { SharedState } from "./shared-state.ts";

export interface MemoryStateOptions {
  /** Keys kept at most, oldest dropped first, so a flood of distinct keys cannot exhaust memory. */
  maxKeys?: number;
  now?: () => number;
}

interface Entry {
  expiresAt: number;
  value: string[] | number[] | null;
}

/** The single-process store: the default, and what a replica falls back to while Redis is unreachable. */
export function createMemoryState(options: MemoryStateOptions = {}): SharedState {
  const maxKeys = options.maxKeys ?? 50_000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();

  const live = (key: string): Entry | null => {
    const entry = entries.get(key);
    if (!entry) return null;
    if (entry.expiresAt <= now()) {
      entries.delete(key);
      return null;
    }
    return entry;
  };
  const put = (key: string, entry: Entry) => {
    // Re-inserted last: Map order is then least-recently-written first.
    entries.delete(key);
    entries.set(key, entry);
    while (entries.size > maxKeys) entries.delete(entries.keys().next().value!);
  };

  return {
    kind: "memory",
    async claim(key, ttlMs) {
      if (live(key)) return false;
      put(key, { expiresAt: now() + ttlMs, value: null });
      return true;
    },
    async readList(key) {
      return [...((live(key)?.value as string[] | null) ?? [])];
    },
    async appendToList(key, items, { maxLength, ttlMs }) {
      const kept = (live(key)?.value as string[] | null) ?? [];
      put(key, { expiresAt: now() + ttlMs, value: [...kept, ...items].slice(-maxLength) });
    },
    async takeFromWindow(key, { limit, windowMs }) {
      const since = now() - windowMs;
      const times = ((live(key)?.value as number[] | null) ?? []).filter((t) => t > since);
      if (times.length >= limit) return false;
      put(key, { expiresAt: now() + windowMs, value: [...times, now()] });
      return true;
    },
    problem: () => null,
    async close() {
      entries.clear();
    },
  };
}
