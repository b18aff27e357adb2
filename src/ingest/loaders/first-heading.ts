import { splitCodeFences } from "../../shared/split-code-fences.ts";
import { unescapeMarkdown } from "../../shared/unescape-markdown.ts";

/**
 * The text of a Markdown document's first heading, ATX (`# Leave`) or setext (`Leave` over `===`),
 * without its inline markup; null when there is none. A `# comment` inside a code fence is not a heading.
 */
export function firstHeading(markdown: string): string | null {
  for (const segment of splitCodeFences(markdown)) {
    if (segment.code) continue;
    const lines = segment.text.split("\n");
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const atx = /^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(line)?.[1];
      const heading = atx ?? (isSetextUnderline(lines[i + 1]) && isParagraphLine(line) ? line : undefined);
      const text = heading === undefined ? "" : plainText(heading);
      if (text) return text;
    }
  }
  return null;
}

function isSetextUnderline(line: string | undefined): boolean {
  return line !== undefined && /^ {0,3}(?:=+|-+)[ \t]*$/.test(line);
}

/** Only a plain paragraph line becomes a setext heading; under a list item or a table, `---` is a rule. */
function isParagraphLine(line: string): boolean {
  return /^ {0,3}\S/.test(line) && !/^ {0,3}(?:[-*+>|]|\d+[.)]|#)/.test(line);
}

function plainText(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/(?<!\\)(\*\*|__|\*|_|`)(.+?)(?<!\\)\1/g, "$2")
    .replace(/\s*\{#[\w-]+\}\s*$/, "")
    .replace(/\s+/g, " ")
    .trim();
  return unescapeMarkdown(text);
}
