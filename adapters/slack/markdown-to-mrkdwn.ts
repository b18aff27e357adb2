import { escapeLinkUrl, escapeMrkdwn } from "./escape-mrkdwn.ts";

/**
 * Turns the little Markdown that answers contain (models write it; extractive answers quote it from the
 * documents) into Slack's mrkdwn, which spells bold, links and headings differently. Text is escaped
 * first, so nothing in an answer can become a mention, a channel ping or a link Slack did not show.
 */
export function markdownToMrkdwn(markdown: string): string {
  return escapeMrkdwn(markdown)
    .replace(/\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)/g, (_, label: string, url: string) => `<${escapeLinkUrl(url.replace(/&amp;/g, "&"))}|${label}>`)
    .replace(/\*\*(?=\S)(.+?)(?<=\S)\*\*/g, "*$1*")
    .replace(/__(?=\S)(.+?)(?<=\S)__/g, "*$1*")
    .replace(/~~(?=\S)(.+?)(?<=\S)~~/g, "~$1~")
    .replace(/^#{1,6}\s+(.+?)\s*#*$/gm, "*$1*")
    .replace(/^(\s*)[-*+]\s+/gm, "$1• ");
}
