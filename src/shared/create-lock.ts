/** Runs one piece of work at a time, in order, whether the ones before it succeeded or not. */
export type Lock = <T>(work: () => Promise<T>) => Promise<T>;

/**
 * A process-wide turn for the index's writers: a sync of the configured sources and a re-index of the
 * verified answers both write the chunks table, and concurrent writers can duplicate rows (DESIGN, lancedb #2463).
 */
export function createLock(): Lock {
  let tail: Promise<unknown> = Promise.resolve();
  return (work) => {
    const result = tail.then(work, work);
    tail = result.catch(() => undefined);
    return result;
  };
}
