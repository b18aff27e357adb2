import { atxHeading } from "../../shared/atx-heading.ts";
import { fenceLineKinds } from "../../shared/split-code-fences.ts";

/**
 * Paragraphs a word processor styled as headings that are not: policies number their clauses by putting
 * each in a heading style ("4.1.2 Use AES with a key of at least 128 bits."), so Word's outline shows the
 * clause numbers. As headings, the clauses were no text: an extractive answer never quotes a heading, and
 * the passages after them stood under a sentence. A heading is text when it reads as a sentence (eight words
 * or more, ending with a full stop, semicolon or exclamation mark), or when it heads nothing (the next block
 * is a heading of its rank or above, or the end), is not the document's first heading (its title, often set in
 * the style of its sections) and is longer than a section's name (five words or more).
 */
export function demoteBodyHeadings(markdown: string): string {
  const lines = markdown.split("\n");
  const kinds = fenceLineKinds(lines);
  const headings = lines.map((line, i) => (kinds[i] === "prose" ? atxHeading(line) : null));
  const sentences = headings.map((heading) => heading !== null && readsAsSentence(heading.text));
  const first = headings.findIndex((heading, i) => heading !== null && !sentences[i]);
  return lines
    .map((line, i) => {
      const heading = headings[i];
      if (!heading || i === first) return line;
      if (sentences[i]) return heading.text;
      let next = i + 1;
      while (next < lines.length && lines[next]!.trim() === "") next++;
      const following = sentences[next] ? null : headings[next];
      const headsNothing = next === lines.length || (following != null && following.level <= heading.level);
      return headsNothing && wordCount(heading.text) >= 5 ? heading.text : line;
    })
    .join("\n");
}

function readsAsSentence(text: string): boolean {
  // Emphasis marks closing the heading ("_…ends here._") trimmed by hand: /[*_]+$/ backtracks on a long run of them.
  let end = text.length;
  while (end > 0 && (text[end - 1] === "*" || text[end - 1] === "_")) end--;
  const plain = text.slice(0, end);
  return /[.;!]$/.test(plain) && !plain.endsWith("..") && wordCount(plain) >= 8;
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
