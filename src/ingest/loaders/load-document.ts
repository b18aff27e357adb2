import type { Loader } from "../loaded-document.ts";
import { loadMarkdown } from "./load-markdown.ts";

export const SUPPORTED_EXTENSIONS = [".md", ".mdx", ".markdown"];

export function loaderFor(fileName: string): Loader | null {
  const ext = fileName.slice(fileName.lastIndexOf(".")).toLowerCase();
  return SUPPORTED_EXTENSIONS.includes(ext) ? loadMarkdown : null;
}
