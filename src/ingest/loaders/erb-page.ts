import { readFrontMatter } from "./read-front-matter.ts";

/**
 * A page written as an ERB template ("logging.html.md.erb": Middleman, and so GOV.UK's tech-docs template
 * that many government teams publish their manuals with) as the page it renders, without running any Ruby:
 * the page's own front matter fills `current_page.data.title` (the usual first heading), a helper called with
 * words keeps them (`<%= warning_text('Do not comment on PRs outside working hours') %>` shows that sentence),
 * and every other tag (partials, layouts, loops) is left out.
 */
export function erbPageText(text: string, fileName: string): string {
  // The loader reads the front matter again for the page itself: here it is only needed for a data field.
  let data: Record<string, unknown> | undefined;
  return text.replace(ERB_TAG, (_, kind: string, code: string) => {
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

// `<%# comment %>`, `<%= output %>`, `<% code %>`, with the `-` trim variants; a tag never holds `%>` itself.
const ERB_TAG = /<%-?([#=]?)([\s\S]*?)-?=?%>/g;
const STRING_LITERAL = /(["'])((?:\\.|(?!\1)[^\\])*)\1/g;

function scalar(value: unknown): string {
  return typeof value === "string" || typeof value === "number" ? String(value) : "";
}
