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

/**
 * A title read from a document's own text gives way to its file's name when the name says all the title
 * says and more: a policy whose first page is headed "Policy 1" or "POSITION DESCRIPTION" is better cited as
 * "Asset Management Policy" or "Cleaner Position Description", the names people filed them under. A title
 * the name does not repeat ("Paxos Made Simple" for "paxos.pdf") stays. A numbered section's heading ("1 -
 * INTRODUCTION") is no document's title.
 */
export function titleOrFileName(title: string | null, path: string): string {
  const named = fileTitle(path);
  if (!title || /^\d{1,2}(?:\.\d{1,2})*\.?\s*[-–:)]?\s+\p{L}/u.test(title)) return named;
  const own = letterWords(title);
  const file = letterWords(named);
  return own.size > 0 && file.size > own.size && [...own].every((word) => file.has(word)) ? named : title;
}

function letterWords(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/\p{L}+/gu) ?? []);
}
