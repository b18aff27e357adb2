export interface AckFirstScheduler {
  /** The server accepted a connection: a request is probably on its way. */
  connectionAccepted(): void;
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
  /** The longest any work waits, so a steady stream of requests cannot starve answers (default 500 ms). */
  maxWaitMs?: number;
}

/**
 * Answers share one event loop with the endpoints that acknowledge new events, and answering is CPU work
 * in chunks (retrieval, rendering, serializing). Slack and Teams retry a request whose HTTP response is
 * slow, so when a burst of questions arrives, every one of them is acknowledged before any answer starts,
 * whichever platform it came from: one scheduler is shared by all adapters. The price is a few
 * milliseconds before the first sign of work.
 *
 * Node accepts one connection per turn of its event loop (libuv since 1.45), so the requests of a burst
 * are read one per turn, and a request still in the accept queue is invisible here: an accepted
 * connection counts as activity too, and work starts one item per turn, so that even past `maxWaitMs`
 * every start leaves room for the next acknowledgement.
 */
export function createAckFirstScheduler(options: AckFirstSchedulerOptions = {}): AckFirstScheduler {
  const quietMs = options.quietMs ?? 5;
  const maxWaitMs = options.maxWaitMs ?? 500;
  let acknowledging = 0;
  let lastActivity = Number.NEGATIVE_INFINITY;
  let queue: { start: () => void; since: number }[] = [];
  let timer: NodeJS.Timeout | undefined;
  let pacing = false;

  /** When the oldest work may start: the endpoint quiet (and the work itself scheduled) for `quietMs`, or waiting too long. */
  const startAt = (work: { since: number }) =>
    Math.min(acknowledging > 0 ? Number.POSITIVE_INFINITY : Math.max(lastActivity, work.since) + quietMs, work.since + maxWaitMs);
  const arm = () => {
    clearTimeout(timer);
    timer = undefined;
    if (queue.length === 0 || pacing) return;
    timer = setTimeout(startNext, Math.max(0, startAt(queue[0]!) - performance.now()));
  };
  const startNext = () => {
    timer = undefined;
    pacing = false;
    const next = queue[0];
    if (!next) return;
    if (performance.now() < startAt(next)) return arm();
    queue.shift();
    if (queue.length > 0) {
      pacing = true;
      setImmediate(startNext);
    }
    next.start();
  };
  const touch = () => {
    lastActivity = performance.now();
    arm();
  };

  return {
    connectionAccepted: touch,
    requestStarted() {
      acknowledging++;
      touch();
    },
    requestFinished() {
      acknowledging = Math.max(0, acknowledging - 1);
      touch();
    },
    schedule(start) {
      queue.push({ start, since: performance.now() });
      arm();
    },
    flush() {
      clearTimeout(timer);
      timer = undefined;
      const due = queue;
      queue = [];
      for (const { start } of due) start();
    },
  };
}
