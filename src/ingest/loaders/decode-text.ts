/**
 * Text of a file as a string with `\n` line endings. Honours a byte order mark, because Windows tools
 * still save UTF-16 text; without one the bytes are read as UTF-8, or as Windows-1252 when they are not
 * UTF-8 (a file saved as "ANSI" by Notepad or Excel on a Western Windows).
 */
export function decodeText(bytes: Uint8Array, fallbackEncoding = "utf-8"): string {
  let encoding = fallbackEncoding;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = "utf-16le";
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = "utf-16be";
  else if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) encoding = "utf-8";
  // TextDecoder drops the byte order mark of the encoding it decodes.
  const text = !hasByteOrderMark(bytes) && encoding === "utf-8" ? utf8Or(bytes, "windows-1252") : decodeBytes(bytes, encoding);
  return text.replace(/\r\n?/g, "\n");
}

/**
 * Bytes as UTF-8 when they have characters beyond ASCII and are valid UTF-8, else in the given encoding.
 * Plain ASCII goes to that encoding too: a 7-bit one (ISO-2022-JP) has escapes that UTF-8 would show as text.
 */
export function utf8Or(bytes: Uint8Array, encoding: string): string {
  if (bytes.some((byte) => byte >= 0x80)) {
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      // not UTF-8: the given encoding
    }
  }
  return decodeBytes(bytes, encoding);
}

/**
 * The encoding an HTML document declares in its first bytes (`<meta charset>` or the http-equiv form), when
 * Node can decode it; older intranet pages are often windows-1252, which read as UTF-8 would garble accents.
 */
export function declaredCharset(bytes: Buffer): string | undefined {
  const head = bytes.subarray(0, 1024).toString("latin1");
  const label = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1];
  if (!label) return undefined;
  try {
    const encoding = new TextDecoder(label).encoding;
    // A page read this far as ASCII cannot be UTF-16; browsers then use UTF-8 too.
    return encoding.startsWith("utf-16") ? undefined : encoding;
  } catch {
    return undefined;
  }
}

/** Whether the bytes open with a byte order mark: text, whatever else they hold. */
export function hasByteOrderMark(bytes: Uint8Array): boolean {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf);
}

// Windows-1252's characters at 0x80–0x9F: curly quotes, dashes, €, ™ (0x81, 0x8D, 0x8F, 0x90, 0x9D are unused).
const WINDOWS_1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

/**
 * Bytes in an encoding by its label. Windows-1252 (also what "latin1" and "iso-8859-1" mean on the web) is
 * decoded here: Node 20's TextDecoder reads its 0x80–0x9F as control characters, so "It’s" lost its
 * apostrophe. Throws for a label no decoder knows.
 */
export function decodeBytes(bytes: Uint8Array, encoding: string): string {
  const decoder = new TextDecoder(encoding);
  return decoder.encoding === "windows-1252" ? withWindows1252Characters(decoder.decode(bytes)) : decoder.decode(bytes);
}

/**
 * Text decoded as Windows-1252 by a library (a mail parser) with its 0x80–0x9F left as control characters,
 * which no text means: they are read as the quotes, dashes and signs Windows-1252 puts there.
 */
export function withWindows1252Characters(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (char) => WINDOWS_1252_HIGH[char.charCodeAt(0) - 0x80]!);
}

/** The encoding of a Windows code page number (RTF's \ansicpg, a message's code page); Windows-1252 when unknown. */
export function codePageEncoding(page: number | null): string {
  const named: Record<number, string> = {
    65001: "utf-8",
    10000: "macintosh",
    932: "shift_jis",
    936: "gbk",
    949: "euc-kr",
    950: "big5",
    20866: "koi8-r",
    21866: "koi8-u",
    50220: "iso-2022-jp",
    50221: "iso-2022-jp",
    50222: "iso-2022-jp",
    51932: "euc-jp",
    54936: "gb18030",
  };
  // ISO 8859 parts 2 to 15 are code pages 28592 to 28605 (there is no part 12).
  if (page !== null && page >= 28592 && page <= 28605 && page !== 28602) return `iso-8859-${page - 28590}`;
  if (page === null) return "windows-1252";
  if (named[page]) return named[page];
  return page === 874 || (page >= 1250 && page <= 1258) ? `windows-${page}` : "windows-1252";
}
