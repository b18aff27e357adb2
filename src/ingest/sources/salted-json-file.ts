import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

/**
 * A source's state between syncs, stored with the settings it was made with (`salt`: the pipeline version,
 * the collection, the source's own options) and the layout's `format`. Anything else reads as nothing, so
 * no state made another way is reused; a missing or unreadable file reads as nothing too, which costs one
 * full fetch.
 */
export async function readSaltedJson<T extends object>(file: string, salt: string, format = 1): Promise<Partial<T> | null> {
  try {
    const stored = JSON.parse(await readFile(file, "utf8")) as { format?: number; salt?: string } & Partial<T>;
    return stored.format === format && stored.salt === salt ? stored : null;
  } catch {
    return null;
  }
}

/** Written to a temporary file then renamed, so an interrupted sync leaves the previous state intact. */
export async function writeSaltedJson(file: string, salt: string, body: object, format = 1): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify({ format, salt, ...body }));
  await rename(temporary, file);
}
