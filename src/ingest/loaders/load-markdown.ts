import { extname } from "node:path";
import { frontMatterOwnerSchema, type DocumentOwner } from "../../shared/document-owner.ts";
import type { Loader } from "../loaded-document.ts";
import { cleanMarkdown } from "./clean-markdown.ts";
import { decodeEntities } from "./decode-entities.ts";
import { decodeText } from "./decode-text.ts";
import { mystToMarkdown } from "./myst-to-markdown.ts";
import { readFrontMatter } from "./read-front-matter.ts";

/** Markdown, MDX and MyST: metadata from the front matter (YAML, or Hugo's TOML), the body cleaned of site-generator syntax. */
export const loadMarkdown: Loader = async (bytes, fileName) => {
  const { data, content } = readFrontMatter(decodeText(bytes), fileName);
  const owner = ownerOf(data.owner, fileName);
  return {
    title: text(data.title) || null,
    url: absoluteUrl(data.url) ?? absoluteUrl(data.permalink),
    markdown: cleanMarkdown(mystToMarkdown(content), { mdx: extname(fileName).toLowerCase() === ".mdx" }),
    keywords: [data.keywords, data.tags, data.description]
      .flatMap((value) => (Array.isArray(value) ? value.map(text) : [text(value)]))
      .filter(Boolean)
      .join(" "),
    ...(owner ? { owner } : {}),
  };
};

/**
 * `owner: U012AB3CD` or `owner: {slack: C…, teams: "19:…"}`. A wrong one fails the document, naming the
 * file, like a broken front matter: routing feedback to nobody would go unnoticed.
 */
function ownerOf(value: unknown, fileName: string): DocumentOwner | null {
  if (value === undefined || value === null || value === "") return null;
  const parsed = frontMatterOwnerSchema.safeParse(value);
  if (!parsed.success) throw new Error(`front matter "owner" is invalid in ${fileName}: ${parsed.error.issues[0]?.message ?? "not an owner"}`);
  return parsed.data;
}

/**
 * Front-matter text as a reader sees it: site generators render titles as HTML, so authors write
 * `&amp;` and `<em>` in them. YAML turns `title: 2024` into a number; any scalar is text.
 */
function text(value: unknown): string {
  if (typeof value !== "string" && typeof value !== "number") return "";
  return decodeEntities(String(value).replace(/<\/?[A-Za-z][^<>]*>/g, ""))
    .replace(/\s+/g, " ")
    .trim();
}

/** Site-relative permalinks (`/leave/`) are left to the source's base URL. */
function absoluteUrl(value: unknown): string | null {
  return typeof value === "string" && /^https?:\/\/\S+$/i.test(value.trim()) ? value.trim() : null;
}
