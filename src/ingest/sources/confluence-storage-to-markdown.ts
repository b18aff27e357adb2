import { escapeHtml } from "../loaders/decode-entities.ts";
import { htmlToMarkdown } from "../loaders/html-to-markdown.ts";

/**
 * A page body in Confluence's storage format (XHTML with `ac:` macros and `ri:` resource identifiers) as
 * Markdown. Macros are reduced to the text a reader sees: a panel's or an expand's body and title, a code
 * block's code, a link's label (or the title of the page it points at), a task list's tasks; their settings,
 * images and emoticons carry no text and are dropped. What is left is ordinary HTML for htmlToMarkdown.
 */
export function confluenceStorageToMarkdown(storage: string): string {
  const html = storage
    // Code macros keep their code in CDATA, which an HTML parser would read as a comment.
    .replace(/<ac:plain-text-body>\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*<\/ac:plain-text-body>/g, (_, code: string) => `<pre><code>${escapeHtml(code)}</code></pre>`)
    .replace(/<ac:plain-text-link-body>\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*<\/ac:plain-text-link-body>/g, (_, text: string) => escapeHtml(text))
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_, text: string) => escapeHtml(text))
    // A macro's title is text a reader sees; its other parameters (colours, languages, ids) are settings.
    .replace(/<ac:parameter\b[^>]*\bac:name="title"[^>]*>([\s\S]*?)<\/ac:parameter>/g, "<p><strong>$1</strong></p>")
    .replace(/<ac:parameter\b[^>]*>[\s\S]*?<\/ac:parameter>/g, "")
    .replace(/<ac:parameter\b[^>]*\/>/g, "")
    // A link without a label shows the title of what it points at.
    .replace(/<ac:link\b[^>]*>\s*<ri:(?:page|blog-post)\b[^>]*\bri:content-title="([^"]*)"[^>]*\/>\s*<\/ac:link>/g, "$1")
    .replace(/<ac:(?:image|emoticon)\b[^>]*\/>/g, "")
    .replace(/<ac:image\b[^>]*>[\s\S]*?<\/ac:image>/g, "")
    .replace(/<ac:task-(id|status|uuid)\b[^>]*>[\s\S]*?<\/ac:task-\1>/g, "")
    .replace(/<ac:task-list(?=[\s>])[^>]*>/g, "<ul>")
    .replace(/<\/ac:task-list>/g, "</ul>")
    .replace(/<ac:task(?=[\s>])[^>]*>/g, "<li>")
    .replace(/<\/ac:task>/g, "</li>")
    // Every other macro and resource element is unwrapped: its content stays, the element goes.
    .replace(/<ri:[^>]*\/>/g, "")
    // Links are inline: unwrapped without a space, so "the page." keeps its full stop in place.
    .replace(/<\/?ac:(?:link|link-body|plain-text-link-body)(?=[\s>/])[^>]*>/g, "")
    .replace(/<\/?(?:ac|ri):[^>]*>/g, " ");
  return htmlToMarkdown(html);
}
