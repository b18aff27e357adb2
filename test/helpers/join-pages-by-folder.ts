import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";

/**
 * Every Markdown page under `root`, joined per folder (two levels deep) into one document whose sections
 * are the pages, their headings one level down: a corpus of long documents made from a corpus of pages, so
 * the same questions check that the passage that answers still surfaces when one document holds many.
 */
export async function joinPagesByFolder(root: string, into: string): Promise<string> {
  const groups = new Map<string, string[]>();
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".md")) continue;
    const path = join(entry.parentPath, entry.name);
    const folder = relative(root, entry.parentPath).split("/").slice(0, 2).join("-") || "top";
    groups.set(folder, [...(groups.get(folder) ?? []), path]);
  }
  await mkdir(into, { recursive: true });
  for (const [folder, paths] of groups) {
    const pages = await Promise.all(
      paths.sort().map(async (path) => (await readFile(path, "utf8")).replace(/^---\n[\s\S]*?\n---\n/, "").replace(/^(#{1,5})\s/gm, "#$1 ")),
    );
    await writeFile(join(into, `${folder}.md`), [`# ${folder}`, ...pages].join("\n\n"));
  }
  return into;
}
