import { z } from "zod";
import type { Loader } from "../loaded-document.ts";
import { decodeText } from "./decode-text.ts";
import { fencedCode } from "./fenced-code.ts";
import { loadMarkdown } from "./load-markdown.ts";

const source = z.union([z.string(), z.array(z.string())]).transform((text) => (Array.isArray(text) ? text.join("") : text));
const notebookSchema = z.object({
  cells: z.array(z.object({ cell_type: z.string(), source })),
  metadata: z
    .object({
      title: z.string().optional(),
      kernelspec: z.object({ language: z.string().optional() }).optional(),
      language_info: z.object({ name: z.string().optional() }).optional(),
    })
    .optional(),
});

/**
 * A Jupyter notebook (nbformat 4, as Jupyter Book and data teams keep their guides) as the page it renders: its
 * Markdown cells as Markdown (MyST included), its code cells as code in the kernel's language. Outputs are
 * left out: tables of numbers, images and tracebacks that no question is about. A raw first cell of YAML
 * front matter gives the title, as Jupyter Book reads it.
 */
export const loadNotebook: Loader = async (bytes, fileName) => {
  let json: unknown;
  try {
    json = JSON.parse(decodeText(bytes));
  } catch (error) {
    throw new Error(`could not read notebook ${fileName}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = notebookSchema.safeParse(json);
  if (!parsed.success) throw new Error(`could not read notebook ${fileName}: it has no list of cells (nbformat 4)`);
  const { cells, metadata } = parsed.data;
  const language = metadata?.kernelspec?.language ?? metadata?.language_info?.name ?? "";
  const blocks = cells.map((cell, i) => {
    if (cell.cell_type === "markdown") return cell.source;
    if (cell.cell_type === "code") return cell.source.trim() ? fencedCode(cell.source, language) : "";
    return i === 0 && cell.source.trimStart().startsWith("---") ? cell.source : "";
  });
  const loaded = await loadMarkdown(Buffer.from(blocks.filter((block) => block.trim()).join("\n\n")), fileName);
  return { ...loaded, title: loaded.title ?? metadata?.title?.trim() ?? null };
};
