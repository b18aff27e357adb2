export type Waited<T> = { done: true; value: T } | { done: false };

/**
 * Waits for `work` at most `ms`: its value, or `done: false` when it took longer (the work itself goes on;
 * its rejection within the wait is thrown). The timer never keeps the process alive.
 */
export async function waitAtMost<T>(work: Promise<T>, ms: number): Promise<Waited<T>> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ done: false }>((resolve) => {
    timer = setTimeout(() => resolve({ done: false }), ms).unref();
  });
  try {
    return await Promise.race([work.then((value) => ({ done: true as const, value })), late]);
  } finally {
    clearTimeout(timer);
  }
}
