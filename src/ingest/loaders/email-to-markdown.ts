import { bodyText } from "./office-package.ts";
import { htmlToMarkdown } from "./html-to-markdown.ts";

/** What a saved e-mail holds that a question may be about. */
export interface EmailMessage {
  subject: string;
  from: string;
  to: string;
  cc: string;
  /** When it was sent, ISO 8601, or "" when the message does not say. */
  date: string;
  html: string;
  text: string;
  attachments: string[];
}

/**
 * A message as a document: who wrote it to whom and when (so "who announced the new travel rules?" finds
 * it), then its body, the HTML part when there is one, else the plain text; attachments are named, not read.
 */
export function emailToMarkdown(message: EmailMessage): string {
  const header = [
    ["From", message.from],
    ["To", message.to],
    ["Cc", message.cc],
    ["Date", message.date],
  ]
    .filter(([, value]) => value)
    .map(([name, value]) => `${name}: ${value}`)
    .join("\n");
  const body = message.html.trim() ? htmlBody(message.html, message.text) : plainBody(message.text);
  const attachments = message.attachments.length > 0 ? `Attachments: ${message.attachments.join(", ")}` : "";
  return [header, body, attachments].filter(Boolean).join("\n\n");
}

/**
 * The HTML body, what a mail program shows of it: a newsletter's hidden preheader and Outlook's text for other
 * programs left out. Markup nested deeper than the converter can follow (a message of a thousand unclosed
 * <font> tags) gives way to the plain text part, or the HTML's text.
 */
function htmlBody(html: string, text: string): string {
  try {
    return htmlToMarkdown(html, { dropHidden: true });
  } catch {
    return plainBody(text.trim() ? text : html.replace(/<[^>]*>/g, " ").replace(/[ \t]+/g, " "));
  }
}

/** Plain text as paragraphs: its lines kept, a line that would read as a Markdown heading escaped. */
function plainBody(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n{2,}/)
    .map((paragraph) =>
      paragraph
        .split("\n")
        .map((line) => bodyText(line.trimEnd()))
        .join("\n")
        .trim(),
    )
    .filter(Boolean)
    .join("\n\n");
}

/** An address as a mail program shows it: "Jane Doe <jane@example.com>", or either part alone. */
export function formatAddress(name: string | undefined, address: string | undefined): string {
  const [who, where] = [name?.trim() ?? "", address?.trim() ?? ""];
  if (who && where && who !== where) return `${who} <${where}>`;
  return who || where;
}
