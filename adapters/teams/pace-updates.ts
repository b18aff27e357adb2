export interface PacedUpdates {
  /** The whole text so far; it is sent when the pace allows, and only its latest version. */
  set(text: string): void;
  /** Stops sending and waits for a request still under way. */
  close(): Promise<void>;
}

/**
 * Sends the latest text at most once per `intervalMs`, one request at a time, each after the previous one
 * answered, starting once `opened` resolves true. `send` resolves false when sending must stop for good
 * (the stream broke or was stopped): later texts are dropped.
 */
export function paceUpdates(opened: Promise<boolean>, send: (text: string) => Promise<boolean>, intervalMs: number): PacedUpdates {
  let latest = "";
  let sent = "";
  let lastSentAt = 0;
  let timer: NodeJS.Timeout | undefined;
  let open = false;
  let stopped = false;
  let closed = false;
  let queue: Promise<void> = opened.then((ok) => {
    open = ok;
    lastSentAt = Date.now();
  });

  const flush = async () => {
    if (closed || stopped || !open || latest === sent || !latest.trim()) return;
    // The first update may have been asked for before the stream opened: keep the pace.
    if (Date.now() < lastSentAt + intervalMs) return schedule();
    const snapshot = latest;
    stopped = !(await send(snapshot));
    if (!stopped) sent = snapshot;
    lastSentAt = Date.now();
    if (latest !== sent) schedule();
  };
  const schedule = () => {
    if (timer || closed || stopped) return;
    timer = setTimeout(
      () => {
        timer = undefined;
        queue = queue.then(flush);
      },
      Math.max(0, lastSentAt + intervalMs - Date.now()),
    );
  };

  return {
    set(text) {
      latest = text;
      schedule();
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      timer = undefined;
      await queue;
    },
  };
}
