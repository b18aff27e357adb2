import CFB from "cfb";
import type { Loader } from "../loaded-document.ts";
import { codePageEncoding, declaredCharset, decodeBytes, utf8Or } from "./decode-text.ts";
import { emailToMarkdown, formatAddress } from "./email-to-markdown.ts";

// MAPI properties, by id: what the message says and where it is stored.
const PROPERTY = {
  subject: 0x0037,
  sentAt: 0x0039,
  senderName: 0x0c1a,
  senderAddress: 0x0c1f,
  senderSmtp: 0x5d01,
  sentForName: 0x0042,
  sentForAddress: 0x0065,
  displayTo: 0x0e04,
  displayCc: 0x0e03,
  body: 0x1000,
  html: 0x1013,
  codePage: 0x3ffd,
  internetCodePage: 0x3fde,
  attachmentLongName: 0x3707,
  attachmentName: 0x3704,
  attachmentMimeType: 0x370e,
  attachmentContentId: 0x3712,
  attachmentHidden: 0x7ffe,
};
const UNICODE = 0x001f;
const EIGHT_BIT = 0x001e;
const BINARY = 0x0102;
// The property stream's header: 32 bytes for the message, 8 for an attachment.
const TOP_LEVEL_HEADER = 32;
const ATTACHMENT_HEADER = 8;

/**
 * An Outlook message saved as a file (`.msg`): subject, sender, recipients, date and body (HTML when the
 * message has it, else its text), attachments named. Read from the compound file's property streams; a
 * message whose only body is compressed RTF gives its header alone.
 */
export const loadMsg: Loader = async (bytes, fileName) => {
  let container: CFB.CFB$Container;
  try {
    container = CFB.read(bytes, { type: "buffer" });
  } catch (error) {
    throw new Error(`could not read MSG ${fileName}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const stream = (path: string): Buffer | null => {
    const index = container.FullPaths.findIndex((full) => full.toLowerCase() === `${container.FullPaths[0]}${path}`.toLowerCase());
    const content = index < 0 ? null : container.FileIndex[index]?.content;
    return content ? Buffer.from(content as Uint8Array) : null;
  };
  const properties = stream("__properties_version1.0");
  if (!properties || !container.FullPaths.some((path) => path.includes("__substg1.0_")))
    throw new Error(`could not read MSG ${fileName}: it holds no Outlook message`);
  // Eight-bit strings are in the message's code page; the HTML body in the one it was sent in, which may be
  // UTF-8 while the strings are not.
  const internetCodePage = fixedProperty(properties, PROPERTY.internetCodePage);
  const codePage = codePageEncoding(fixedProperty(properties, PROPERTY.codePage) ?? (internetCodePage === 65001 ? null : internetCodePage));
  const htmlCodePage = codePageEncoding(fixedProperty(properties, PROPERTY.internetCodePage) ?? fixedProperty(properties, PROPERTY.codePage));
  const text = (id: number, storage = ""): string => {
    const unicode = stream(`${storage}__substg1.0_${hex(id)}${hex(UNICODE)}`);
    if (unicode) return unicode.toString("utf16le").replace(/\0+$/, "");
    const eightBit = stream(`${storage}__substg1.0_${hex(id)}${hex(EIGHT_BIT)}`);
    return eightBit ? utf8Or(eightBit, codePage).replace(/\0+$/, "") : "";
  };
  // A picture shown in the HTML (a signature's logo) is marked hidden, or has a content id and a picture's type.
  const isInlinePicture = (storage: string): boolean => {
    const attachmentProperties = stream(`${storage}/__properties_version1.0`);
    if (attachmentProperties && flagProperty(attachmentProperties, PROPERTY.attachmentHidden, ATTACHMENT_HEADER)) return true;
    return text(PROPERTY.attachmentContentId, `${storage}/`) !== "" && text(PROPERTY.attachmentMimeType, `${storage}/`).startsWith("image/");
  };
  const htmlBytes = stream(`__substg1.0_${hex(PROPERTY.html)}${hex(BINARY)}`);
  const attachmentStorages = [...new Set(container.FullPaths.map((path) => /\/(__attach_version1\.0_#[0-9A-F]{8})\//i.exec(path)?.[1]).filter(Boolean))];
  const markdown = emailToMarkdown({
    subject: text(PROPERTY.subject),
    // A message saved before it was sent names who it is sent for, not a sender.
    from: formatAddress(
      text(PROPERTY.senderName) || text(PROPERTY.sentForName),
      mailAddress(text(PROPERTY.senderSmtp)) || mailAddress(text(PROPERTY.senderAddress)) || mailAddress(text(PROPERTY.sentForAddress)),
    ),
    to: text(PROPERTY.displayTo),
    cc: text(PROPERTY.displayCc),
    date: sentAt(properties),
    // The HTML body is usually bytes in the code page it was sent in; some writers store it as a string.
    html: htmlBytes ? decodeBytes(htmlBytes, declaredCharset(htmlBytes) ?? htmlCodePage) : text(PROPERTY.html),
    text: text(PROPERTY.body),
    attachments: attachmentStorages
      .filter((storage) => !isInlinePicture(storage!))
      .map((storage) => text(PROPERTY.attachmentLongName, `${storage}/`) || text(PROPERTY.attachmentName, `${storage}/`))
      .filter(Boolean),
  });
  return { title: text(PROPERTY.subject).trim() || null, url: null, markdown, keywords: "" };
};

/** An Internet address; Exchange's own ("/O=ACME/OU=…/CN=JDOE") means nothing to a reader. */
function mailAddress(address: string): string {
  return address.includes("@") && !address.startsWith("/") ? address : "";
}

function hex(value: number): string {
  return value.toString(16).toUpperCase().padStart(4, "0");
}

/** A 32-bit property kept in the message's property stream (16-byte entries after its header). */
function fixedProperty(properties: Buffer, id: number): number | null {
  for (let at = TOP_LEVEL_HEADER; at + 16 <= properties.length; at += 16) {
    if (properties.readUInt16LE(at + 2) === id && properties.readUInt16LE(at) === 0x0003) return properties.readUInt32LE(at + 8);
  }
  return null;
}

/** A boolean property that is set (PT_BOOLEAN, 0x000B). */
function flagProperty(properties: Buffer, id: number, header: number): boolean {
  for (let at = header; at + 16 <= properties.length; at += 16) {
    if (properties.readUInt16LE(at + 2) === id && properties.readUInt16LE(at) === 0x000b) return properties.readUInt16LE(at + 8) !== 0;
  }
  return false;
}

/** When the message was sent: a FILETIME (100 ns since 1601) in the property stream. */
function sentAt(properties: Buffer): string {
  for (let at = TOP_LEVEL_HEADER; at + 16 <= properties.length; at += 16) {
    if (properties.readUInt16LE(at + 2) !== PROPERTY.sentAt || properties.readUInt16LE(at) !== 0x0040) continue;
    const milliseconds = Number(properties.readBigUInt64LE(at + 8) / 10_000n) - 11_644_473_600_000;
    const date = new Date(milliseconds);
    return Number.isNaN(date.getTime()) ? "" : `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  }
  return "";
}
