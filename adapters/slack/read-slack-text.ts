/**
 * A Slack message's text as the question a person meant: the bot's own mention removed, and Slack's
 * markup (`<@U…>`, `<#C…|name>`, `<!here>`, `<url|label>`, `&amp;`) turned back into plain words, so
 * retrieval sees "the #benefits channel" and not "<#C024BE7LR|benefits>".
 */
export function readSlackText(text: string, botUserId: string | null): string {
  return text
    .replace(/<([^<>]*)>/g, (whole, inner: string) => {
      const [target = "", label] = splitLabel(inner);
      if (target.startsWith("@")) return target.slice(1) === botUserId ? " " : `@${label ?? target.slice(1)}`;
      if (target.startsWith("#")) return `#${label ?? target.slice(1)}`;
      if (target.startsWith("!")) return label ?? `@${target.slice(1).split("^")[0]}`;
      if (/^(https?|mailto|tel):/i.test(target))
        return label && label !== target.replace(/^mailto:|^tel:/i, "") ? `${label} (${target})` : (label ?? target.replace(/^mailto:|^tel:/i, ""));
      return whole;
    })
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/[ \t]+/g, " ")
    .replace(/ *\n */g, "\n")
    .trim();
}

/** True when the text mentions the bot (`<@BOT>` or `<@BOT|name>`). */
export function mentionsUser(text: string, userId: string | null): boolean {
  return userId !== null && (text.includes(`<@${userId}>`) || text.includes(`<@${userId}|`));
}

function splitLabel(inner: string): [string, string | undefined] {
  const bar = inner.indexOf("|");
  return bar === -1 ? [inner, undefined] : [inner.slice(0, bar), inner.slice(bar + 1)];
}
