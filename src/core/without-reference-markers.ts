import { splitCodeFences } from "../shared/split-code-fences.ts";

/**
 * A numbered reference in prose: "hashing [10],", "done in [12, 46].", "[3–5]", after a word or a stop.
 * Not an index in code ("a [0]" after an operator stays; fenced code is never touched).
 */
const MARKER = /(?<=[\p{L}\p{N}.,;:)"”’])\s*\[\d{1,3}(?:\s*[,;–-]\s*\d{1,3})*\](?=[\s.,;:)]|$)/gu;

/**
 * A source's text without the document's own numbered references. A paper's "[12]" in an answer reads
 * as Docent's citation of its twelfth source; and a "[2]", kept in a quote or copied by a model, is taken
 * for a citation of source 2 (verifyCitations), which would send the asker to the wrong page.
 */
export function withoutReferenceMarkers(text: string): string {
  if (!text.includes("[")) return text;
  return splitCodeFences(text, { mayStartInCode: true })
    .map((segment) => (segment.code ? segment.text : segment.text.replace(MARKER, "")))
    .join("\n");
}
