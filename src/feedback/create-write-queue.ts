export interface WriteQueue {
  /** Runs `work` after every write accepted before it, whether those succeeded or not. */
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Resolves when every write accepted so far is done (graceful shutdown). */
  flush(): Promise<void>;
}

/**
 * Writes one at a time, in order: LanceDB resolves concurrent commits, but a read-modify-write (a vote
 * changed, a comment added to it) must not interleave with another. Every `every` writes, `maintain`
 * runs inside the queue, so it never races a write.
 */
export function createWriteQueue(options: { every: number; maintain: () => Promise<void> }): WriteQueue {
  let queue: Promise<unknown> = Promise.resolve();
  let writes = 0;
  return {
    run(work) {
      const result = queue.then(work, work).then(async (value) => {
        if (++writes % options.every === 0) await options.maintain();
        return value;
      });
      queue = result.catch(() => undefined);
      return result;
    },
    flush: () => queue.then(() => undefined),
  };
}
