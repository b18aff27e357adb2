/**
 * State that every replica must see the same: which platform deliveries were already taken, what was said
 * in a thread, how often someone asked lately. In one process it lives in memory; with `DOCENT_REDIS_URL`
 * it lives in Redis, so a retry, a follow-up or a second question may land on any replica.
 */
export interface SharedState {
  readonly kind: "memory" | "redis";
  /** True for the first claim of `key` within `ttlMs`, false for every later one, on any replica. */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /** The list stored under `key`, oldest first (empty when unknown or expired). */
  readList(key: string): Promise<string[]>;
  /** Appends to the list under `key`, keeps its newest `maxLength` items, and forgets it `ttlMs` after this write. */
  appendToList(key: string, items: string[], options: { maxLength: number; ttlMs: number }): Promise<void>;
  /** Records one event for `key` unless `limit` events already fell within the last `windowMs`: false then. */
  takeFromWindow(key: string, options: { limit: number; windowMs: number }): Promise<boolean>;
  /** What `/healthz` reports: null while the store answers, else since when and why it does not. */
  problem(): StateProblem | null;
  close(): Promise<void>;
}

export interface StateProblem {
  since: string;
  error: string;
}
