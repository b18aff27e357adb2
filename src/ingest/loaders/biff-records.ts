/** One record of an Excel 97–2003 (BIFF8) stream, with the CONTINUE records that carry on its data. */
export interface BiffRecord {
  type: number;
  /** Where the record starts in the stream: a sheet's BOUNDSHEET entry points there. */
  offset: number;
  data: Buffer;
  /** The record's data split as written: a string cut over a CONTINUE boundary restates its width flag. */
  parts: Buffer[];
}

const CONTINUE = 0x003c;

/** The stream's records in order, each with its continuations attached. */
export function* biffRecords(stream: Buffer): Generator<BiffRecord> {
  let at = 0;
  while (at + 4 <= stream.length) {
    const type = stream.readUInt16LE(at);
    const offset = at;
    const parts = [part(stream, at)];
    at += 4 + parts[0]!.length;
    while (at + 4 <= stream.length && stream.readUInt16LE(at) === CONTINUE) {
      const next = part(stream, at);
      parts.push(next);
      at += 4 + next.length;
    }
    yield { type, offset, data: parts.length === 1 ? parts[0]! : Buffer.concat(parts), parts };
  }
}

function part(stream: Buffer, at: number): Buffer {
  const length = stream.readUInt16LE(at + 2);
  return stream.subarray(at + 4, Math.min(stream.length, at + 4 + length));
}

/**
 * Reads BIFF8's Unicode strings from a record's parts. A string's characters are one byte each (Latin-1) or
 * two (UTF-16) as its flags say, and when the characters run over into a CONTINUE record, that record opens
 * with a fresh flag byte for the rest.
 */
export class BiffStringReader {
  private part = 0;
  private at: number;

  constructor(
    private readonly parts: Buffer[],
    start = 0,
  ) {
    this.at = start;
  }

  get done(): boolean {
    this.skipEmptyParts();
    return this.part >= this.parts.length;
  }

  uint8(): number {
    return this.bytes(1)[0] ?? 0;
  }

  uint16(): number {
    const bytes = this.bytes(2);
    return bytes.length === 2 ? bytes.readUInt16LE(0) : 0;
  }

  uint32(): number {
    const bytes = this.bytes(4);
    return bytes.length === 4 ? bytes.readUInt32LE(0) : 0;
  }

  /** A string with a 16-bit (XLUnicodeString, a rich SST entry) or 8-bit (ShortXLUnicodeString) count. */
  string(countBytes: 1 | 2 = 2, rich = false): string {
    const count = countBytes === 2 ? this.uint16() : this.uint8();
    const flags = this.uint8();
    const runs = rich && flags & 0x08 ? this.uint16() : 0;
    const extended = rich && flags & 0x04 ? this.uint32() : 0;
    let wide = (flags & 0x01) !== 0;
    let text = "";
    let left = count;
    while (left > 0 && this.part < this.parts.length) {
      const current = this.parts[this.part]!;
      if (this.at >= current.length) {
        this.part++;
        this.at = 1;
        wide = ((this.parts[this.part]?.[0] ?? 0) & 0x01) !== 0;
        continue;
      }
      // An odd byte left at a part's end cannot hold a two-byte character: the string goes on in the next part.
      const take = Math.min(left, Math.floor((current.length - this.at) / (wide ? 2 : 1)));
      const bytes = current.subarray(this.at, take === 0 ? current.length : this.at + take * (wide ? 2 : 1));
      if (take > 0) text += wide ? bytes.toString("utf16le") : bytes.toString("latin1");
      this.at += bytes.length;
      left -= take;
    }
    this.bytes(runs * 4 + extended);
    return text;
  }

  /** The next n bytes, across parts; fewer at the end. */
  private bytes(n: number): Buffer {
    const chunks: Buffer[] = [];
    let left = n;
    while (left > 0 && !this.done) {
      const current = this.parts[this.part]!;
      const take = Math.min(left, current.length - this.at);
      chunks.push(current.subarray(this.at, this.at + take));
      this.at += take;
      left -= take;
    }
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
  }

  private skipEmptyParts(): void {
    while (this.part < this.parts.length && this.at >= this.parts[this.part]!.length) {
      this.part++;
      this.at = 0;
    }
  }
}
