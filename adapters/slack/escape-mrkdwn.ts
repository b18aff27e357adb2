/**
 * Escapes text for Slack's mrkdwn and message text. Slack gives only `&`, `<` and `>` special meaning
 * (`<url|label>`, `<@U…>`, `<!here>`); everything else is shown as typed, so nothing else is touched.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A URL made safe inside `<url|label>`: the characters that would end or split the link are percent-encoded. */
export function escapeLinkUrl(url: string): string {
  return url.replace(/\|/g, "%7C").replace(/</g, "%3C").replace(/>/g, "%3E").replace(/\s/g, "%20").replace(/&/g, "&amp;");
}
