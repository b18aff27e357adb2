export interface DedupeWindow {
  /** True the first time a key is seen within the window; false for every repeat. */
  claim(key: string): boolean;
  readonly size: number;
}

/**
 * Remembers recently seen keys for a while, bounded in count. Slack retries an event up to three times
 * within about five minutes and may deliver one message both as `app_mention` and `message`; a key is
 * kept long enough to outlive both, and the oldest keys go first when the bound is reached.
 */
export function createDedupeWindow(options: { ttlMs?: number; maxKeys?: number; now?: () => number } = {}): DedupeWindow {
  const ttlMs = options.ttlMs ?? 15 * 60_000;
  const maxKeys = options.maxKeys ?? 20_000;
  const now = options.now ?? Date.now;
  const seen = new Map<string, number>();
  const expire = (at: number) => {
    // Map order is insertion order, so expired keys are always at the front.
    for (const [key, seenAt] of seen) {
      if (at - seenAt <= ttlMs && seen.size < maxKeys) break;
      seen.delete(key);
    }
  };
  return {
    claim(key) {
      const at = now();
      expire(at);
      if (seen.has(key)) return false;
      seen.set(key, at);
      return true;
    },
    get size() {
      return seen.size;
    },
  };
}
