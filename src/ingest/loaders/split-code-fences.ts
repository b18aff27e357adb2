export interface MarkdownSegment {
  /** True for a fenced code block, fences included. */
  code: boolean;
  text: string;
}

/**
 * Cuts Markdown into prose and fenced code blocks, in order, so cleanup can leave code exactly as written
 * (a snippet of HTML or Liquid in a fence is content, not markup). An unclosed fence runs to the end,
 * as in CommonMark. Fences are recognised at any indentation, since list items indent theirs.
 */
export function splitCodeFences(markdown: string): MarkdownSegment[] {
  const segments: MarkdownSegment[] = [];
  let prose: string[] = [];
  let code: string[] = [];
  let fence: string | null = null;
  for (const line of markdown.split("\n")) {
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
