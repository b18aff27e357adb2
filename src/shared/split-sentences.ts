/**
 * Splits prose into sentences, keeping `[n]` citation markers with the sentence they follow and list
 * items as sentences of their own. Abbreviations like "e.g." and decimals like "3.85%" do not end one.
 */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  for (const block of text.split(/\n\s*\n|\n(?=\s*(?:[-*•]|\d+[.)])\s)/)) {
    const line = block.replace(/\s*\n\s*/g, " ").trim();
    if (!line) continue;
    const pieces = line.split(/(?<=(?<!\b(?:e\.g|i\.e|etc|vs|Mr|Mrs|Ms|Dr|No|approx|incl))[.!?](?:\s*\[\d+\])*)\s+(?=[\p{Lu}\d"“(*])/u);
    for (const piece of pieces) if (piece.trim()) sentences.push(piece.trim());
  }
  return sentences;
}
