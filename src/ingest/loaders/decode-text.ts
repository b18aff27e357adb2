/**
 * Text of a file as a string with `\n` line endings. Honours a byte order mark, because Windows tools
 * still save UTF-16 text; without one the bytes are read as UTF-8.
 */
export function decodeText(bytes: Uint8Array, fallbackEncoding = "utf-8"): string {
  let encoding = fallbackEncoding;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = "utf-16le";
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = "utf-16be";
  else if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) encoding = "utf-8";
  // TextDecoder drops the byte order mark of the encoding it decodes.
  return decodeBytes(bytes, encoding).replace(/\r\n?/g, "\n");
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
  if (decoder.encoding !== "windows-1252") return decoder.decode(bytes);
  let text = "";
  for (let start = 0; start < bytes.length; start += 8192) {
    const chunk = bytes.subarray(start, start + 8192);
    text += String.fromCharCode(...chunk).replace(/[\u0080-\u009f]/g, (char) => WINDOWS_1252_HIGH[char.charCodeAt(0) - 0x80]!);
  }
  return text;
}
