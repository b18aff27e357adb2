import matter from "gray-matter";

export interface FrontMatter {
  data: Record<string, unknown>;
  /** The document after its front matter. */
  content: string;
}

// gray-matter evaluates `---js` front matter with eval(); a document must never run code at ingest.
const refuseJavaScript = () => {
  throw new Error("JavaScript front matter is not allowed");
};

/**
 * Splits YAML front matter from a Markdown document. A front matter that does not parse throws,
 * naming the file: indexing the raw YAML as text would hide the mistake from its author.
 */
export function readFrontMatter(text: string, fileName: string): FrontMatter {
  // A `---` with nothing closing it is a thematic break; gray-matter would swallow the whole file as YAML.
  if (!text.startsWith("---") || text.indexOf("\n---", 3) === -1) return { data: {}, content: text };
  let parsed: matter.GrayMatterFile<string>;
  try {
    // Passing options also turns off gray-matter's cache, which would keep every file ever parsed in memory.
    parsed = matter(text, { engines: { javascript: refuseJavaScript } });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new Error(`front matter is invalid in ${fileName}: ${reason}`);
  }
  // A front matter that is a bare string or list holds no fields we can use.
  const data = parsed.data !== null && typeof parsed.data === "object" && !Array.isArray(parsed.data) ? parsed.data : {};
  return { data, content: parsed.content };
}
