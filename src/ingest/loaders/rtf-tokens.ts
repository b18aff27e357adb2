/** One piece of an RTF file: a group's brace, a control word with its parameter, a byte in hex, or text. */
export type RtfToken =
  | { kind: "open" }
  | { kind: "close" }
  | { kind: "word"; name: string; param: number | null }
  | { kind: "hex"; byte: number }
  | { kind: "text"; text: string };

const CONTROL_WORD = /([a-zA-Z]{1,32})(-?\d{1,10})? ?/y;
const PLAIN_TEXT = /[^\\{}\r\n]+/y;
// Symbols that stand for a character; `\*` (an ignorable destination) comes out as a word of its own.
const SYMBOLS: Record<string, string> = { "\\": "\\", "{": "{", "}": "}", "~": "\u00a0", _: "-", "\t": "\t" };

/**
 * Reads RTF's syntax left to right. The file is taken as Latin-1, one character a byte: RTF is 7-bit text
 * whose other bytes come as `\'hh` escapes, and a `\bin` run of raw bytes must be skipped byte for byte.
 */
export class RtfTokens {
  private at = 0;
  constructor(private readonly source: string) {}

  next(): RtfToken | null {
    const source = this.source;
    while (this.at < source.length) {
      const char = source[this.at]!;
      if (char === "{" || char === "}") {
        this.at++;
        return { kind: char === "{" ? "open" : "close" };
      }
      if (char === "\r" || char === "\n") {
        this.at++;
        continue;
      }
      if (char !== "\\") return { kind: "text", text: this.match(PLAIN_TEXT) };
      const token = this.control();
      if (token) return token;
    }
    return null;
  }

  /** Passes over the rest of the current group, nested groups and `\bin` data included (a picture, a font table). */
  skipGroup(): void {
    const source = this.source;
    let depth = 1;
    while (this.at < source.length) {
      const char = source[this.at++]!;
      if (char === "{") depth++;
      else if (char === "}" && --depth === 0) return;
      else if (char === "\\") {
        const word = this.match(CONTROL_WORD);
        if (word.startsWith("bin")) this.at += Math.max(0, Number(word.slice(3)) || 0);
        else if (!word) this.at++;
      }
    }
  }

  /** The control word or symbol after a backslash; undefined for one that stands for nothing (`\-`, `\bin`). */
  private control(): RtfToken | undefined {
    const source = this.source;
    this.at++;
    const symbol = source[this.at];
    if (symbol === undefined) return undefined;
    if (/[a-zA-Z]/.test(symbol)) {
      CONTROL_WORD.lastIndex = this.at;
      const [whole, name, param] = CONTROL_WORD.exec(source)!;
      this.at += whole.length;
      const value = param === undefined ? null : Number(param);
      if (name === "bin") {
        this.at += Math.max(0, value ?? 0);
        return undefined;
      }
      return { kind: "word", name: name!, param: value };
    }
    this.at++;
    if (symbol === "'") {
      const hex = source.slice(this.at, this.at + 2);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) return undefined;
      this.at += 2;
      return { kind: "hex", byte: Number.parseInt(hex, 16) };
    }
    if (symbol === "*") return { kind: "word", name: "*", param: null };
    // A backslash before a line break is a paragraph mark, as Word writes it in old files.
    if (symbol === "\r" || symbol === "\n") return { kind: "word", name: "par", param: null };
    const text = SYMBOLS[symbol];
    return text === undefined ? undefined : { kind: "text", text };
  }

  private match(pattern: RegExp): string {
    pattern.lastIndex = this.at;
    const found = pattern.exec(this.source)?.[0] ?? "";
    this.at += found.length;
    return found;
  }
}
