import { HEADING_SEPARATOR } from "../../shared/heading-path.ts";
import { splitCodeFences } from "../../shared/split-code-fences.ts";

/**
 * Puts a page's place in its wiki in front of its content, so every passage's heading path starts with it:
 * `Engineering › Onboarding` for the page's opening, `Engineering › Onboarding › Laptop setup` under its
 * "Laptop setup" heading. The chain (ancestors, then the page's own title) becomes one level-1 heading, and
 * the page's headings move one level down beneath it; a first heading that only repeats the title is
 * dropped, since the chain already ends with it. One heading for the whole chain, rather than one per
 * ancestor, keeps deep hierarchies within Markdown's six levels.
 */
export function withHeadingChain(chain: string[], markdown: string): string {
  const parts = chain
    .map((part) =>
      part
        .replace(/\s+/g, " ")
        .replace(/^#+\s*/, "")
        .trim(),
    )
    .filter(Boolean);
  if (parts.length === 0) return markdown;
  const title = parts.at(-1)!;
  const body = splitCodeFences(dropRepeatedTitle(markdown, title))
    .map((segment) => (segment.code ? segment.text : segment.text.replace(/^(#{1,6})(?=[ \t])/gm, (hashes) => (hashes.length < 6 ? `${hashes}#` : hashes))))
    .join("\n");
  return `# ${parts.join(HEADING_SEPARATOR)}\n\n${body.trim()}`.trimEnd();
}

function dropRepeatedTitle(markdown: string, title: string): string {
  const match = /^\s*#{1,6}[ \t]+(.+?)[ \t#]*(?:\n|$)/.exec(markdown);
  if (!match || normalize(match[1]!) !== normalize(title)) return markdown;
  return markdown.slice(match[0].length);
}

function normalize(text: string): string {
  return text.replace(/[*_`]/g, "").replace(/\s+/g, " ").trim().toLowerCase();
}
