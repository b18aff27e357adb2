import { waitAtMost } from "./wait-at-most.ts";

/** Work that outlives the request that started it (an answer being written), kept so shutdown can wait for it. */
export interface WorkTracker {
  /** Keeps `work` until it settles, and returns it unchanged. */
  track<T>(work: Promise<T>): Promise<T>;
  /** Pieces of work not settled yet. */
  readonly size: number;
  /**
   * Resolves once everything tracked has settled, work tracked meanwhile included, or when the grace
   * period is over: true when everything settled.
   */
  drain(): Promise<boolean>;
}

/** One tracker for the whole server: the core's answers and the adapters' replies wait in one place at shutdown. */
export function createWorkTracker(options: { graceMs?: number } = {}): WorkTracker {
  const inFlight = new Set<Promise<unknown>>();
  const settleAll = async () => {
    while (inFlight.size) await Promise.all([...inFlight]);
    return true;
  };
  return {
    track(work) {
      const settled: Promise<unknown> = work.then(
        () => inFlight.delete(settled),
        () => inFlight.delete(settled),
      );
      inFlight.add(settled);
      return work;
    },
    get size() {
      return inFlight.size;
    },
    async drain() {
      if (options.graceMs === undefined) return settleAll();
      const waited = await waitAtMost(settleAll(), options.graceMs);
      return waited.done && waited.value;
    },
  };
}
