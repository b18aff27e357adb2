/** A record of a PowerPoint 97–2003 stream (or of the drawing inside it): containers hold further records. */
export interface PptRecord {
  type: number;
  instance: number;
  /** Where its data starts in the stream, and how long it is. */
  start: number;
  end: number;
  container: boolean;
}

/** The records side by side between start and end; a record running past the end is cut there. */
export function* pptRecords(stream: Buffer, start = 0, end = stream.length): Generator<PptRecord> {
  let at = start;
  while (at + 8 <= end) {
    const head = stream.readUInt16LE(at);
    const type = stream.readUInt16LE(at + 2);
    const length = stream.readUInt32LE(at + 4);
    const dataEnd = Math.min(end, at + 8 + length);
    yield { type, instance: head >> 4, start: at + 8, end: dataEnd, container: (head & 0x0f) === 0x0f };
    at = dataEnd;
  }
}

/** Every record inside a container, depth first in the order written. */
export function* pptDescendants(stream: Buffer, container: PptRecord): Generator<PptRecord> {
  const stack: Generator<PptRecord>[] = [pptRecords(stream, container.start, container.end)];
  while (stack.length > 0) {
    const next = stack.at(-1)!.next();
    if (next.done) {
      stack.pop();
      continue;
    }
    yield next.value;
    // Drawings nest groups in groups; a file that nests deeper than any deck does is read no deeper.
    if (next.value.container && stack.length < 64) stack.push(pptRecords(stream, next.value.start, next.value.end));
  }
}

/** The record that starts at an offset (a persist directory's entry), or null when none fits there. */
export function pptRecordAt(stream: Buffer, offset: number): PptRecord | null {
  if (offset < 0 || offset + 8 > stream.length) return null;
  return pptRecords(stream, offset).next().value ?? null;
}
