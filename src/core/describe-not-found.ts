/**
 * The note an answer carries about the asker's words that no source contains (Answer.notFound): "No source
 * mentions “flu”." tells them what the knowledge base lacks, or which word to put differently, when an answer
 * matched only their other words.
 */
export function describeNotFound(words: string[] | undefined): string | null {
  if (!words?.length) return null;
  const quoted = words.map((word) => `“${word}”`);
  const list = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(", ")} or ${quoted.at(-1)}`;
  return `No source mentions ${list}.`;
}
