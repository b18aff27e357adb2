import { isCompoundFile } from "./office-package.ts";

/**
 * Which Office 97–2003 format a file is, when it is one: a ".doc" renamed ".docx" is a compound file with a
 * WordDocument stream, and Office opens it anyway. Null for anything else, an encrypted new-format file
 * (a compound file holding an EncryptedPackage) included. The compound-file reader is loaded only for such
 * a file, not when Docent starts.
 */
export async function olderBinaryFormat(bytes: Buffer): Promise<"doc" | "xls" | "ppt" | null> {
  if (!isCompoundFile(bytes)) return null;
  const { default: CFB } = await import("cfb");
  let container: ReturnType<typeof CFB.read>;
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
