/**
 * An ATX heading line ("## Working from abroad", "### Core hours ##") as its level and text, or null.
 * Parsed by hand, not with one regular expression: `\s+(.+?)\s*#*\s*$` backtracks in cubic time on a long
 * run of spaces, and retrieved text is read at question time.
 */
export function atxHeading(line: string): { level: number; text: string } | null {
  const opening = /^#{1,6}[ \t]/.exec(line);
  if (!opening) return null;
  let text = line.slice(opening[0].length).trim();
  let end = text.length;
  while (end > 0 && text[end - 1] === "#") end--;
  // A closing run of #s counts only after a space ("C#" is a name, "Core hours ##" is closed).
  if (end < text.length && (end === 0 || text[end - 1] === " " || text[end - 1] === "\t")) text = text.slice(0, end).trimEnd();
  return text ? { level: opening[0].length - 1, text } : null;
}
