export interface RetryOptions {
  /** One try; resolves when the dependency is there. */
  attempt: () => Promise<void>;
  /** Errors no retry can fix (a rejected credential): the retrying stops and `connected` rejects. */
  isFatal: (error: unknown) => boolean;
  /** Told about each failed try, with the wait before the next one (null after a fatal error). */
  onFailure?: (error: unknown, failures: number, retryInMs: number | null) => void;
  /** Wait after the first failure; doubled after each further failure up to `maxDelayMs`. */
  initialDelayMs?: number;
  maxDelayMs?: number;
}

export interface Retrying {
  /** Settles after the first try: resolves whether it connected or failed in a way worth retrying; rejects if fatal. */
  firstAttempt: Promise<void>;
  /** Resolves once a try succeeds; rejects on a fatal error. Never settles once stopped. */
  connected: Promise<void>;
  stop(): void;
}

/**
 * Tries `attempt` until it succeeds, waiting longer after each failure (with ±20% jitter, so that
 * replicas restarted together do not knock in step). The waits hold no process open: stopping the server
 * needs no word to the retrier.
 */
export function retryWithBackoff(options: RetryOptions): Retrying {
  const initial = options.initialDelayMs ?? 1000;
  const max = options.maxDelayMs ?? 60_000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let wake: () => void = () => undefined;
  let settleFirst!: { resolve: () => void; reject: (error: unknown) => void };
  const firstAttempt = new Promise<void>((resolve, reject) => (settleFirst = { resolve, reject }));
  // Callers that only await firstAttempt must not see an unhandled rejection from `connected`.
  firstAttempt.catch(() => undefined);

  const connected = (async () => {
    for (let failures = 0; ; ) {
      try {
        await options.attempt();
        settleFirst.resolve();
        return;
      } catch (error) {
        if (stopped) return new Promise<void>(() => undefined);
        failures++;
        if (options.isFatal(error)) {
          options.onFailure?.(error, failures, null);
          settleFirst.reject(error);
          throw error;
        }
        const base = Math.min(max, initial * 2 ** (failures - 1));
        const delay = Math.round(base * (0.8 + 0.4 * Math.random()));
        options.onFailure?.(error, failures, delay);
        settleFirst.resolve();
        await new Promise<void>((resolve) => {
          wake = resolve;
          timer = setTimeout(resolve, delay);
          timer.unref();
        });
        if (stopped) return new Promise<void>(() => undefined);
      }
    }
  })();
  connected.catch(() => undefined);
  return {
    firstAttempt,
    connected,
    stop() {
      stopped = true;
      clearTimeout(timer);
      wake();
    },
  };
}
