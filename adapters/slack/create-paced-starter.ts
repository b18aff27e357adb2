/**
 * Starts queued work one item per turn of the event loop. Starting an answer costs a millisecond or two
 * of synchronous work (the first Web API call, the search's setup); started all at once, fifty of them
 * would hold up the acknowledgement of an event that arrives a moment later. One per turn lets Node
 * read and ack new requests in between.
 */
export function createPacedStarter(): (work: () => void) => void {
  const queue: (() => void)[] = [];
  let scheduled = false;
  const next = () => {
    const work = queue.shift();
    scheduled = queue.length > 0;
    if (scheduled) setImmediate(next);
    work?.();
  };
  return (work) => {
    queue.push(work);
    if (!scheduled) {
      scheduled = true;
      setImmediate(next);
    }
  };
}
