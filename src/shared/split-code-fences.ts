/** A line that opens or closes a fenced block (an opening one may name its language). */
export const FENCE_LINE = /^\s*(`{3,}|~{3,})/;
/** A fence that opens a block: a backtick fence has no backtick after it on its line ("```npm ci``` installs" is inline code). */
export const OPENING_FENCE = /^\s*(`{3,}(?=[^`]*$)|~{3,})/;
/** A fence with nothing after it: what closes a block. */
export const BARE_FENCE = /^\s*(`{3,}|~{3,})\s*$/;

export interface MarkdownSegment {
  /** True for a fenced code block, fences included. */
  code: boolean;
  text: string;
}

/**
 * Cuts Markdown into prose and fenced code blocks, in order, so cleanup can leave code exactly as written
 * (a snippet of HTML or Liquid in a fence is content, not markup). An unclosed fence runs to the end,
 * as in CommonMark. Fences are recognised at any indentation, since list items indent theirs. With
 * `mayStartInCode` (a passage cut out of a document), a bare first fence that pairs with none closes a
 * block begun before the passage.
 */
export function splitCodeFences(markdown: string, options: { mayStartInCode?: boolean } = {}): MarkdownSegment[] {
  const segments: MarkdownSegment[] = [];
  let lines = markdown.split("\n");
  if (options.mayStartInCode) {
    // A passage cut from a long code block can start inside it: then its first fence is a bare closing one
    // and the fences do not pair up. The lines up to that fence are code, not the prose after it.
    const fences = lines.filter((line) => FENCE_LINE.test(line));
    const first = lines.findIndex((line) => FENCE_LINE.test(line));
    if (fences.length % 2 === 1 && BARE_FENCE.test(lines[first]!)) {
      segments.push({ code: true, text: lines.slice(0, first + 1).join("\n") });
      lines = lines.slice(first + 1);
    }
  }
  const kinds = fenceLineKinds(lines);
  let current: MarkdownSegment | null = null;
  for (const [i, line] of lines.entries()) {
    const code = kinds[i] !== "prose";
    if (!current || current.code !== code || kinds[i] === "opening") {
      if (current) segments.push(current);
      current = { code, text: line };
    } else current.text += `\n${line}`;
  }
  if (current) segments.push(current);
  return segments;
}

export type FenceLineKind = "prose" | "opening" | "code";

/**
 * Each line's place: prose, a fence that opens a code block, or inside one (its closing fence included).
 * A backtick fence must have no backtick after it on its line ("```npm ci``` installs" is inline code), and
 * closes with a bare fence of the same character at least as long.
 */
export function fenceLineKinds(lines: string[]): FenceLineKind[] {
  let fence: string | null = null;
  return lines.map((line) => {
    if (fence === null) {
      const opening = OPENING_FENCE.exec(line);
      if (!opening) return "prose";
      fence = opening[1]!;
      return "opening";
    }
    const closing = /^\s*(`{3,}|~{3,})\s*$/.exec(line)?.[1];
    if (closing && closing[0] === fence[0] && closing.length >= fence.length) fence = null;
    return "code";
  });
}
