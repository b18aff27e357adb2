import matter from "gray-matter";
import { parse as parseToml } from "smol-toml";

export interface FrontMatter {
  data: Record<string, unknown>;
  /** The document after its front matter. */
  content: string;
}

// gray-matter evaluates `---js` front matter with eval(); a document must never run code at ingest.
const refuseJavaScript = () => {
  throw new Error("JavaScript front matter is not allowed");
};

/** Hugo's TOML front matter, between `+++` lines. */
const TOML_FRONT_MATTER = /^\+\+\+[ \t]*\r?\n([\s\S]*?)\r?\n\+\+\+[ \t]*(?:\r?\n|$)/;

/**
 * Splits front matter from a Markdown document: YAML between `---` lines, or TOML between `+++` lines as Hugo
 * writes it (read as text, its `title = "…"` was indexed and quoted). A front matter that does not parse
 * throws, naming the file: indexing it raw as text would hide the mistake from its author.
 */
export function readFrontMatter(text: string, fileName: string): FrontMatter {
  const toml = TOML_FRONT_MATTER.exec(text);
  if (toml) {
    try {
      return { data: parseToml(toml[1]!), content: text.slice(toml[0].length) };
    } catch (error) {
      throw invalid(fileName, error);
    }
  }
  // A `---` with nothing closing it is a thematic break; gray-matter would swallow the whole file as YAML.
  if (!text.startsWith("---") || text.indexOf("\n---", 3) === -1) return { data: {}, content: text };
  let parsed: matter.GrayMatterFile<string>;
  try {
    // Passing options also turns off gray-matter's cache, which would keep every file ever parsed in memory.
    parsed = matter(text, { engines: { javascript: refuseJavaScript } });
  } catch (error) {
    throw invalid(fileName, error);
  }
  // A front matter that is a bare string or list holds no fields we can use.
  const data = parsed.data !== null && typeof parsed.data === "object" && !Array.isArray(parsed.data) ? parsed.data : {};
  return { data, content: parsed.content };
}

function invalid(fileName: string, error: unknown): Error {
  const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
  return new Error(`front matter is invalid in ${fileName}: ${reason}`);
}
