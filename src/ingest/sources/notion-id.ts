import { extname } from "node:path";

/** Notion names every exported page and its folder of subpages `<Title> <32 hex digits>`. */
const NOTION_ID = /[ _-]([0-9a-f]{32})$/i;

/** True when the name ends with Notion's page id: how an export is told to be Notion's. */
export function hasNotionId(name: string): boolean {
  return NOTION_ID.test(name.slice(0, name.length - extname(name).length)) || NOTION_ID.test(name);
}

/** The page id Notion appended to an exported file's name (without its extension), or null. */
export function notionId(name: string): string | null {
  return NOTION_ID.exec(name)?.[1] ?? null;
}

/** A Notion page's or folder's name without the id the export appended. */
export function stripNotionId(name: string): string {
  return name.replace(NOTION_ID, "").trim() || name;
}
