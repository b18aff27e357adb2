/**
 * The title as a run-in label of the body's first paragraph ("Always assume the worst: if you are unsure…"),
 * which reads as one sentence when quoted; above a list, table or code block it stands alone in bold.
 */
export function withRunInTitle(title: string | undefined, body: string): string {
  const label = title?.trim();
  if (!label) return body;
  const text = body.replace(/^(?:[ \t]*\n)+/, "");
  if (!text.trim()) return `**${label}**`;
  const opensParagraph = /^\S/.test(text) && !/^(?:[-*+]\s|\d+[.)]\s|#|\||```|~~~|<|>)/.test(text);
  if (!opensParagraph) return `**${label}**\n\n${text}`;
  return `**${label}**${/[.?!:]$/.test(label) ? "" : ":"} ${text}`;
}
