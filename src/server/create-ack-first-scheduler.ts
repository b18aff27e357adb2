export interface AckFirstScheduler {
  /** A platform request (a Slack event, a Teams activity) is being read and acknowledged. */
  requestStarted(): void;
  requestFinished(): void;
  /** Starts work once no request is waiting for its acknowledgement (or after `maxWaitMs` at most). */
  schedule(start: () => void): void;
  /** Starts everything still waiting (on shutdown). */
  flush(): void;
}

export interface AckFirstSchedulerOptions {
  /** How long the endpoint must be quiet before queued work starts (default 5 ms). */
  quietMs?: number;
  /** The longest any work waits, so a steady stream of requests cannot starve answers (default 100 ms). */
  maxWaitMs?: number;
}

/**
 * Answers share one event loop with the endpoints that acknowledge new events, and answering is CPU work
 * in chunks (retrieval, rendering, serializing). Slack and Teams retry a request whose HTTP response is
 * slow, so when a burst of questions arrives, every one of them is acknowledged before any answer starts,
 * whichever platform it came from: one scheduler is shared by all adapters. The price is a few
 * milliseconds before the first sign of work.
 */
export function createAckFirstScheduler(options: AckFirstSchedulerOptions = {}): AckFirstScheduler {
  const quietMs = options.quietMs ?? 5;
  const maxWaitMs = options.maxWaitMs ?? 100;
  let acknowledging = 0;
  let queue: { start: () => void; since: number }[] = [];
  let timer: NodeJS.Timeout | undefined;

  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    const due = queue;
    queue = [];
    for (const { start } of due) start();
  };

  const arm = () => {
    clearTimeout(timer);
    timer = undefined;
    if (queue.length === 0) return;
    const deadline = queue[0]!.since + maxWaitMs - performance.now();
    const wait = acknowledging > 0 ? deadline : Math.min(quietMs, deadline);
    timer = setTimeout(flush, Math.max(0, wait));
  };

  return {
    requestStarted() {
      acknowledging++;
      arm();
    },
    requestFinished() {
      acknowledging = Math.max(0, acknowledging - 1);
      arm();
    },
    schedule(start) {
      queue.push({ start, since: performance.now() });
      arm();
    },
    flush,
  };
}
