import { readFrontMatter } from "./read-front-matter.ts";

/**
 * A page written as an ERB template ("logging.html.md.erb": Middleman, and so GOV.UK's tech-docs template
 * that many government teams publish their manuals with) as the page it renders, without running any Ruby:
 * the page's own front matter fills `current_page.data.title` (the usual first heading), a helper called with
 * words keeps them (`<%= warning_text('Do not comment on PRs outside working hours') %>` shows that sentence),
 * and every other tag (partials, layouts, loops) is left out. What a `content_for` block captures goes to the
 * layout's other regions (the sidebar's navigation, the head's scripts), not the page's text.
 */
export function erbPageText(text: string, fileName: string): string {
  // The loader reads the front matter again for the page itself: here it is only needed for a data field.
  let data: Record<string, unknown> | undefined;
  return withoutCapturedRegions(text).replace(ERB_TAG, (_, kind: string, code: string) => {
    if (kind !== "=") return "";
    const field = /^current_page\.data\.(\w+)$/.exec(code.trim());
    if (field) {
      data ??= readFrontMatter(text, fileName).data;
      return scalar(data[field[1]!]);
    }
    return [...code.matchAll(STRING_LITERAL)]
      .map((literal) => literal[2]!)
      .filter((words) => /\s/.test(words.trim()))
      .join(" ");
  });
}

/** The page without its `<% content_for :sidebar do %> … <% end %>` blocks (nested `do … end` blocks counted). */
function withoutCapturedRegions(text: string): string {
  let kept = "";
  let from = 0;
  let start = -1;
  let depth = 0;
  for (const tag of text.matchAll(ERB_TAG)) {
    const code = tag[2]!.trim();
    if (start < 0) {
      if (!CONTENT_FOR.test(code)) continue;
      start = tag.index;
      depth = 1;
    } else if (OPENS_BLOCK.test(code)) depth++;
    else if (code === "end" && --depth === 0) {
      kept += text.slice(from, start);
      from = tag.index + tag[0].length;
      start = -1;
    }
  }
  return kept + text.slice(from);
}

const CONTENT_FOR = /^content_for\b.*\bdo\s*(?:\|[^|]*\|)?$/s;
const OPENS_BLOCK = /\bdo\s*(?:\|[^|]*\|)?$|^(?:if|unless|case|while|until|for|begin)\b/;

// `<%# comment %>`, `<%= output %>`, `<% code %>`, with the `-` trim variants; a tag never holds `%>` itself.
const ERB_TAG = /<%-?([#=]?)([\s\S]*?)-?=?%>/g;
const STRING_LITERAL = /(["'])((?:\\.|(?!\1)[^\\])*)\1/g;

function scalar(value: unknown): string {
  return typeof value === "string" || typeof value === "number" ? String(value) : "";
}
