/**
 * Admission control for questions: at most `maxConcurrent` answers are generated at once (the rest wait
 * in line, in order), and each user may ask at most `perUserPerMinute` questions in a sliding minute.
 */
export interface AdmissionOptions {
  maxConcurrent: number;
  perUserPerMinute: number;
  now?: () => number;
}

export function createAdmission(options: AdmissionOptions) {
  const now = options.now ?? Date.now;
  let active = 0;
  const waiting: (() => void)[] = [];
  const recent = new Map<string, number[]>();

  return {
    /** False when the user is over the rate limit; records the attempt otherwise. */
    allow(user: string): boolean {
      const since = now() - 60_000;
      const times = (recent.get(user) ?? []).filter((t) => t > since);
      if (times.length >= options.perUserPerMinute) {
        recent.set(user, times);
        return false;
      }
      times.push(now());
      recent.set(user, times);
      if (recent.size > 10_000) for (const [key, list] of recent) if (list.every((t) => t <= since)) recent.delete(key);
      return true;
    },
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
