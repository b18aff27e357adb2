import { createMemoryState } from "../state/memory-state.ts";
import type { SharedState } from "../state/shared-state.ts";

/**
 * Admission control for questions: at most `maxConcurrent` answers are generated at once (the rest wait
 * in line, in order), and each user may ask at most `perUserPerMinute` questions in a sliding minute.
 */
export interface AdmissionOptions {
  maxConcurrent: number;
  perUserPerMinute: number;
  /** Where the per-user counts live: shared by every replica with Redis, so the limit is per user, not per replica. */
  state?: SharedState;
}

export function createAdmission(options: AdmissionOptions) {
  const state = options.state ?? createMemoryState();
  let active = 0;
  const waiting: (() => void)[] = [];

  return {
    /** False when the user is over the rate limit; records the attempt otherwise. */
    allow: (user: string): Promise<boolean> => state.takeFromWindow(`rate:${user}`, { limit: options.perUserPerMinute, windowMs: 60_000 }),
    /** Waits for a free slot; `onQueued` hears the position in line when there is one. */
    async acquire(onQueued?: (position: number) => void): Promise<() => void> {
      if (active < options.maxConcurrent) {
        active++;
      } else {
        onQueued?.(waiting.length + 1);
        // The releasing answer hands its slot straight to the next in line, so `active` stays counted.
        await new Promise<void>((resolve) => waiting.push(resolve));
      }
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const next = waiting.shift();
        if (next) next();
        else active--;
      };
    },
    get active() {
      return active;
    },
    get queued() {
      return waiting.length;
    },
  };
}
