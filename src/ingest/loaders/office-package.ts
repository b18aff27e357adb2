import { posix } from "node:path";
import JSZip from "jszip";

/**
 * An Office Open XML package (PPTX, XLSX): a zip of XML parts that name each other through relationship
 * files. Only what the loaders need: a part's text and the parts it points to, in the package's own terms.
 */
export interface OfficePackage {
  /** The part's XML, or null when the package has no such part. */
  read(path: string): Promise<string | null>;
  /** Relationship id → target part path (resolved against the part) and type, from the part's `_rels` file. */
  relationships(path: string): Promise<Map<string, { target: string; type: string }>>;
}

/** An opened package with its main part (`ppt/presentation.xml`, `xl/workbook.xml`) read, and what that part points to. */
export interface OfficeDocument {
  pkg: OfficePackage;
  xml: string;
  targets: Map<string, { target: string; type: string }>;
}

/**
 * Opens a deck or workbook: its main part is the one the package's root relationships name (the usual path
 * when they name none). A file that is no zip, or a zip without that part, fails naming the file.
 */
export async function openOfficeDocument(bytes: Buffer, fileName: string, format: string, usualMainPart: string): Promise<OfficeDocument> {
  const pkg = await openZipPackage(bytes, fileName, format);
  const main = related(await pkg.relationships(""), "officeDocument") ?? usualMainPart;
  const xml = await pkg.read(main);
  if (xml === null) throw new Error(`could not read ${format} ${fileName}: it has no ${main}`);
  return { pkg, xml, targets: await pkg.relationships(main) };
}

const COMPOUND_FILE = Buffer.from("d0cf11e0a1b11ae1", "hex");

/** Whether the bytes open as a compound file: the container of the Office 97–2003 formats and of encrypted OOXML. */
export function isCompoundFile(bytes: Buffer): boolean {
  return bytes.subarray(0, 8).equals(COMPOUND_FILE);
}

/** A zipped package (Office Open XML, OpenDocument); a file that is no zip fails naming the file. */
export async function openZipPackage(bytes: Buffer, fileName: string, format: string): Promise<OfficePackage> {
  // Office encrypts a password-protected DOCX, XLSX or PPTX into a compound file, the older formats' container.
  if (isCompoundFile(bytes)) {
    throw new Error(`could not read ${format} ${fileName}: it is password-protected, or a Word, Excel or PowerPoint 97–2003 file under the new name`);
  }
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (error) {
    // JSZip's message goes on with a link to its own documentation; its first clause says what is wrong.
    const reason = (error instanceof Error ? error.message : String(error)).split(" : ")[0];
    throw new Error(`could not read ${format} ${fileName}: it is not a zip package as Office saves one (${reason})`);
  }
  const read = async (path: string) => (await zip.file(path)?.async("string")) ?? null;
  const relationships = async (path: string) => {
    const rels = await read(posix.join(posix.dirname(path), "_rels", `${posix.basename(path)}.rels`));
    const map = new Map<string, { target: string; type: string }>();
    for (const token of xmlTokens(rels ?? "")) {
      if (token.kind !== "open" || token.name !== "Relationship" || token.attributes.TargetMode === "External") continue;
      const target = token.attributes.Target ?? "";
      const resolved = target.startsWith("/") ? target.slice(1) : posix.normalize(posix.join(posix.dirname(path), target));
      map.set(token.attributes.Id ?? "", { target: resolved, type: token.attributes.Type ?? "" });
    }
    return map;
  };
  return { read, relationships };
}

/** The first of a part's relationships whose type ends with `/kind` ("sharedStrings", "notesSlide"). */
export function related(rels: Map<string, { target: string; type: string }>, kind: string): string | null {
  return [...rels.values()].find((rel) => rel.type.endsWith(`/${kind}`))?.target ?? null;
}

export type XmlToken = { kind: "open"; name: string; attributes: Record<string, string> } | { kind: "close"; name: string } | { kind: "text"; text: string };

/**
 * The tags and text of an XML part in document order. Element names come without their namespace prefix
 * ("t" for `<a:t>` and `<x:t>` alike: tools differ in the prefixes they pick, and some use a default
 * namespace); attribute names keep theirs (`r:id`). A self-closing element yields its open and its close,
 * so `<a:p/>` is an empty paragraph like `<a:p></a:p>`. Office writes its parts by machine, so a tokenizer
 * is all the parsing the loaders need; they read the runs in order, which a tree would only make them walk.
 */
export function* xmlTokens(xml: string): Generator<XmlToken> {
  const pattern = /<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<(\/?)([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|<[?!][^>]*>|([^<]+)/g;
  for (const match of xml.matchAll(pattern)) {
    const [, cdata, closing, qualified, attributeText, selfClosing, text] = match;
    if (cdata !== undefined) yield { kind: "text", text: cdata };
    else if (text !== undefined) yield { kind: "text", text: decodeXml(text) };
    else if (!qualified) continue;
    else {
      const name = qualified.slice(qualified.indexOf(":") + 1);
      if (closing) yield { kind: "close", name };
      else {
        yield { kind: "open", name, attributes: attributesOf(attributeText ?? "") };
        if (selfClosing) yield { kind: "close", name };
      }
    }
  }
}

function attributesOf(text: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const [, name, double, single] of text.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attributes[name!] = decodeXml(double ?? single ?? "");
  return attributes;
}

function decodeXml(text: string): string {
  return text.replace(/&(?:#x([0-9a-f]+)|#(\d+)|(amp|lt|gt|quot|apos));/gi, (entity, hex: string, decimal: string, named: string) => {
    if (hex || decimal) {
      const code = hex ? Number.parseInt(hex, 16) : Number(decimal);
      return code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[named.toLowerCase() as "amp"];
  });
}

/**
 * Text that becomes a Markdown heading (a slide's title, a sheet's name): its `\`, `*`, `_` and backticks are
 * escaped, so "Rates_2024" and "C:\Users" survive the heading's clean-up, which drops emphasis marks and reads
 * escapes back.
 */
export function headingText(text: string): string {
  return text.replace(/[\\*_`]/g, "\\$&");
}

/** Body text on a line of its own: a leading "# " would make it a heading that names the passages after it. */
export function bodyText(text: string): string {
  return text.replace(/^(#{1,6}[ \t])/, "\\$1");
}
