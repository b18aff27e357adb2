import PostalMime, { type Address } from "postal-mime";
import type { Loader } from "../loaded-document.ts";
import { withWindows1252Characters } from "./decode-text.ts";
import { emailToMarkdown, formatAddress } from "./email-to-markdown.ts";

/**
 * A saved e-mail (`.eml`, as Outlook, Thunderbird and Apple Mail save one): its subject titles it; sender,
 * recipients and date head its body; attachments are named, not read.
 */
export const loadEml: Loader = async (bytes, fileName) => {
  // A message opens with its header lines ("Name: value"), after the "From " line of a mailbox file if it
  // was saved from one; anything else is no e-mail.
  const envelope = /^(?:\xef\xbb\xbf)?\s*(?:From [^\r\n]*\r?\n)?/.exec(bytes.subarray(0, 2048).toString("latin1"))![0].length;
  if (!/^[\w-]+:[^\r\n]*\r?\n/.test(bytes.subarray(envelope, envelope + 2048).toString("latin1"))) {
    throw new Error(`could not read EML ${fileName}: it does not start with mail headers`);
  }
  let email: Awaited<ReturnType<typeof PostalMime.parse>>;
  try {
    email = await PostalMime.parse(bytes.subarray(envelope), { attachmentEncoding: "arraybuffer" });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`could not read EML ${fileName}: ${reason}`);
  }
  const markdown = emailToMarkdown({
    subject: email.subject ?? "",
    from: addresses(email.from ? [email.from] : []),
    to: addresses(email.to ?? []),
    cc: addresses(email.cc ?? []),
    date: sentAt(email.headers.find((header) => header.key === "date")?.value ?? email.date ?? ""),
    html: withWindows1252Characters(email.html ?? ""),
    text: withWindows1252Characters(email.text ?? ""),
    // A picture shown in the text is part of it; a document, even one Apple Mail marks inline, is an attachment.
    attachments: email.attachments
      .filter((attachment) => attachment.filename && (attachment.disposition !== "inline" || !attachment.mimeType.startsWith("image/")))
      .map((attachment) => attachment.filename!),
  });
  return { title: withWindows1252Characters(email.subject ?? "").trim() || null, url: null, markdown, keywords: "" };
};

function addresses(list: Address[]): string {
  return list
    .flatMap((entry) => ("group" in entry && entry.group ? entry.group : [entry]))
    .map((entry) => formatAddress(entry.name, "address" in entry ? entry.address : undefined))
    .filter(Boolean)
    .join(", ");
}

/**
 * When the message was sent, in the sender's own time and zone as its Date header gives them
 * ("2024-12-31 23:30 -0800"): converted to UTC, a New Year's Eve message would read as sent in January.
 */
function sentAt(header: string): string {
  const time = Date.parse(header);
  if (Number.isNaN(time)) return header.trim();
  const zone = /([+-])(\d\d)(\d\d)\s*(?:\([^)]*\))?\s*$/.exec(header);
  const offset = zone ? (zone[1] === "-" ? -1 : 1) * (Number(zone[2]) * 60 + Number(zone[3])) : 0;
  const local = new Date(time + offset * 60_000).toISOString().slice(0, 16).replace("T", " ");
  return `${local} ${zone ? `${zone[1]}${zone[2]}${zone[3]}` : "UTC"}`;
}
