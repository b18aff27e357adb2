import { basename, extname } from "node:path";
import { stripNotionId } from "./sources/notion-id.ts";

/**
 * A title for a document that names none (no front matter, heading or metadata), from its file name as a
 * person would write it: "remote_work-policy" is "remote work policy", and the page id Notion appends to
 * an exported page's name ("Leave Policy 3f2a…") is dropped. Dashes between digits stay ("2024-05").
 */
export function fileTitle(path: string): string {
  const name = stripNotionId(basename(path, extname(path)));
  const words = /\s/.test(name) ? name.replace(/_+/g, " ") : name.replace(/_+|(?<!\d)-+|-+(?!\d)/g, " ");
  return words.replace(/\s+/g, " ").trim() || name;
}
