import matter from "gray-matter";
import type { Loader } from "../loaded-document.ts";

export const loadMarkdown: Loader = async (bytes, fileName) => {
  let parsed: matter.GrayMatterFile<string>;
  try {
    parsed = matter(bytes.toString("utf8"));
  } catch (error) {
    throw new Error(`invalid front matter in ${fileName}: ${(error as Error).message.split("\n")[0]}`);
  }
  const data = parsed.data as Record<string, unknown>;
  const url = [data.url, data.permalink].find((v): v is string => typeof v === "string" && /^https?:\/\//i.test(v)) ?? null;
  const keywords = [data.keywords, data.tags, data.description]
    .flatMap((v) => (Array.isArray(v) ? v : typeof v === "string" ? [v] : []))
    .join(" ");
  const markdown = parsed.content
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/\{%[\s\S]*?%\}/g, "")
    .replace(/\{\{[\s\S]*?\}\}/g, "")
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<\/?[a-zA-Z][^>]*>/g, "")
    .replace(/\n{3,}/g, "\n\n");
  return { title: typeof data.title === "string" ? data.title : null, url, markdown, keywords };
};
