import { fenceLineKinds } from "../../shared/split-code-fences.ts";

/** `[^time-off]: 40 days a year is based on…`, its text going on in the lines indented under it. */
const DEFINITION = /^\[\^([^\]\s]+)\]:[ \t]?(.*)$/;
const REFERENCE = /[ \t]?\[\^[^\]\s]+\]/g;
const CONTINUATION = /^(?: {2,}|\t)\S/;

/**
 * Footnotes where the rendered page shows them (GitHub, MkDocs, Docusaurus, MyST, Pandoc): their marks
 * gone from the text and their definitions at the end, under "Footnotes". Left where they were written, a
 * definition ran into the section around it and was quoted as its answer ("[^time-off]: 40 days a year is
 * based off of the list of paid holidays…" to "which days does the whole org take off?"). Lines in fenced
 * code stay as written.
 */
export function moveFootnotes(markdown: string): string {
  const lines = markdown.split("\n");
  const code = fenceLineKinds(lines).map((kind) => kind !== "prose");
  const body: string[] = [];
  const notes: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const definition = code[i] ? null : DEFINITION.exec(lines[i]!);
    if (!definition) {
      body.push(code[i] ? lines[i]! : lines[i]!.replace(REFERENCE, ""));
      continue;
    }
    const note = [definition[2]!];
    // Its paragraph runs on to a blank line; further paragraphs of it are indented.
    while (i + 1 < lines.length && lines[i + 1]!.trim() && !DEFINITION.test(lines[i + 1]!)) note.push(lines[++i]!.trim());
    while (i + 2 < lines.length && !lines[i + 1]!.trim() && CONTINUATION.test(lines[i + 2]!)) {
      note.push("");
      i++;
      while (i + 1 < lines.length && lines[i + 1]!.trim() && CONTINUATION.test(lines[i + 1]!)) note.push(lines[++i]!.trim());
    }
    notes.push(note.join("\n").replace(REFERENCE, "").trim());
  }
  if (notes.length === 0) return markdown;
  return `${body.join("\n").trimEnd()}\n\n## Footnotes\n\n${notes.filter(Boolean).join("\n\n")}\n`;
}
