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
  else if (encoding === "utf-8" && !isUtf8(bytes)) encoding = "windows-1252";
  // TextDecoder drops the byte order mark of the encoding it decodes.
  return decodeBytes(bytes, encoding).replace(/\r\n?/g, "\n");
}

/** Whether bytes are valid UTF-8 (ASCII is). */
export function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
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
