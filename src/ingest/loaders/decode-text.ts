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
  return new TextDecoder(encoding).decode(bytes).replace(/\r\n?/g, "\n");
}
