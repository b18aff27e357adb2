import CFB from "cfb";

const COMPOUND_FILE = Buffer.from("d0cf11e0a1b11ae1", "hex");

/**
 * Which Office 97–2003 format a file is, when it is one: a ".doc" renamed ".docx" is a compound file with a
 * WordDocument stream, and Office opens it anyway. Null for anything else, an encrypted new-format file
 * (a compound file holding an EncryptedPackage) included.
 */
export function olderBinaryFormat(bytes: Buffer): "doc" | "xls" | "ppt" | null {
  if (!bytes.subarray(0, 8).equals(COMPOUND_FILE)) return null;
  let container: CFB.CFB$Container;
  try {
    container = CFB.read(bytes, { type: "buffer" });
  } catch {
    return null;
  }
  const has = (name: string) => CFB.find(container, name) != null;
  if (has("EncryptedPackage")) return null;
  if (has("WordDocument")) return "doc";
  if (has("Workbook")) return "xls";
  if (has("PowerPoint Document")) return "ppt";
  return null;
}
