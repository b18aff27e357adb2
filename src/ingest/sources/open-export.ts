import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import JSZip from "jszip";
import { SourceError } from "../source-reader.ts";

export interface ExportFile {
  /** Path inside the export, with `/` separators. */
  path: string;
  /** The file's modification time (for a zip entry, the date stored with it). */
  modifiedAt: number;
  /** The file's bytes, read (or unzipped) on first use only: attachments and images never need to be. */
  read(): Promise<Buffer>;
}

/**
 * Every file of an export, whether it is a zip file (as Confluence and Notion hand it out) or the folder
 * it was unzipped into. Zips inside the zip, as Notion splits large exports into parts, are opened in place:
 * the parts share one tree, so their pages keep the same paths whichever part they land in.
 * Hidden files and folders (`.DS_Store`, `__MACOSX`) are left out.
 */
export async function openExport(path: string): Promise<ExportFile[]> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new SourceError(`${path} does not exist`);
  if (info.isDirectory()) return listFolder(path);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new SourceError(`${path} could not be read: ${(error as Error).message}`);
  }
  if (!isZip(bytes)) throw new SourceError(`${path} is neither a folder nor a zip file`);
  return listZip(bytes, path, true);
}

async function listFolder(root: string): Promise<ExportFile[]> {
  const files: ExportFile[] = [];
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    const path = relative(root, full).split(sep).join("/");
    if (isHidden(path)) continue;
    files.push({ path, modifiedAt: (await stat(full)).mtimeMs, read: once(() => readFile(full)) });
  }
  return files.sort((a, b) => compare(a.path, b.path));
}

async function listZip(bytes: Buffer, name: string, openNested: boolean): Promise<ExportFile[]> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (error) {
    throw new SourceError(`${name} is not a readable zip file: ${(error as Error).message}`);
  }
  const files: ExportFile[] = [];
  for (const entry of Object.values(zip.files)) {
    if (entry.dir || isHidden(entry.name)) continue;
    if (openNested && /\.zip$/i.test(entry.name)) {
      const nested = await entry.async("nodebuffer");
      if (isZip(nested)) {
        files.push(...(await listZip(nested, `${name}:${entry.name}`, false)));
        continue;
      }
    }
    files.push({ path: entry.name.replace(/^\/+/, ""), modifiedAt: entry.date.getTime(), read: once(() => entry.async("nodebuffer")) });
  }
  return files.sort((a, b) => compare(a.path, b.path));
}

function once(read: () => Promise<Buffer>): () => Promise<Buffer> {
  let bytes: Promise<Buffer> | null = null;
  return () => (bytes ??= read());
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isZip(bytes: Buffer): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05);
}

function isHidden(path: string): boolean {
  return path.split("/").some((part) => part.startsWith(".") || part === "__MACOSX");
}
