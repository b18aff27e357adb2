const FENCE_LINE = /^\s*(`{3,}|~{3,})/;
const BARE_FENCE = /^\s*(`{3,}|~{3,})\s*$/;

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
  let prose: string[] = [];
  let code: string[] = [];
  let fence: string | null = null;
  for (const line of lines) {
    if (fence === null) {
      const opening = /^\s*(`{3,}(?=[^`]*$)|~{3,})/.exec(line);
      if (!opening) {
        prose.push(line);
        continue;
      }
      if (prose.length) segments.push({ code: false, text: prose.join("\n") });
      prose = [];
      fence = opening[1]!;
      code = [line];
      continue;
    }
    code.push(line);
    const closing = /^\s*(`{3,}|~{3,})\s*$/.exec(line)?.[1];
    if (closing && closing[0] === fence[0] && closing.length >= fence.length) {
      segments.push({ code: true, text: code.join("\n") });
      fence = null;
      code = [];
    }
  }
  if (fence !== null) segments.push({ code: true, text: code.join("\n") });
  if (prose.length) segments.push({ code: false, text: prose.join("\n") });
  return segments;
}
