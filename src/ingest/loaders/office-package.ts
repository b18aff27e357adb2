import { posix } from "node:path";
import JSZip from "jszip";

/**
 * An Office Open XML package (PPTX, XLSX): a zip of XML parts that name each other through relationship
 * files. Only what the loaders need: a part's text and the parts it points to, in the package's own terms.
 */
export interface OfficePackage {
  /** The part's XML, or null when the package has no such part. */
  read(path: string): Promise<string | null>;
  /** Relationship id → target part path (resolved against the part), for the part's `_rels` file. */
  relationships(path: string): Promise<Map<string, { target: string; type: string }>>;
}

export async function openOfficePackage(bytes: Buffer, fileName: string, format: string): Promise<OfficePackage> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (error) {
    // JSZip's message goes on with a link to its own documentation; its first clause says what is wrong.
    const reason = (error instanceof Error ? error.message : String(error)).split(" : ")[0];
    throw new Error(`could not read ${format} ${fileName}: it is not a zip package as Office saves one (${reason})`);
  }
  const read = async (path: string) => (await zip.file(path)?.async("string")) ?? null;
  return {
    read,
    async relationships(path) {
      const rels = await read(posix.join(posix.dirname(path), "_rels", `${posix.basename(path)}.rels`));
      const map = new Map<string, { target: string; type: string }>();
      for (const token of xmlTokens(rels ?? "")) {
        if (token.kind !== "open" || token.name !== "Relationship" || token.attributes.TargetMode === "External") continue;
        const target = token.attributes.Target ?? "";
        const resolved = target.startsWith("/") ? target.slice(1) : posix.normalize(posix.join(posix.dirname(path), target));
        map.set(token.attributes.Id ?? "", { target: resolved, type: token.attributes.Type ?? "" });
      }
      return map;
    },
  };
}

export type XmlToken =
  | { kind: "open"; name: string; attributes: Record<string, string>; selfClosing: boolean }
  | { kind: "close"; name: string }
  | { kind: "text"; text: string };

/**
 * The tags and text of an XML part in document order, names with their namespace prefix ("a:t"). Office
 * writes its parts by machine, without DTDs or CDATA in the text runs, so a tokenizer is all the parsing
 * the loaders need; they read the runs in order, which a tree would only make them walk.
 */
export function* xmlTokens(xml: string): Generator<XmlToken> {
  const pattern = /<(\/?)([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|<[?!][^>]*>|([^<]+)/g;
  for (const match of xml.matchAll(pattern)) {
    const [, closing, name, attributeText, selfClosing, text] = match;
    if (text !== undefined) yield { kind: "text", text: decodeXml(text) };
    else if (!name) continue;
    else if (closing) yield { kind: "close", name };
    else yield { kind: "open", name, attributes: attributesOf(attributeText ?? ""), selfClosing: selfClosing === "/" };
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

/** Rows of cell texts as a Markdown table, the first filled row its header; "" when no cell has text. */
export function markdownTable(rows: string[][]): string {
  const kept = rows.filter((row) => row.some((text) => text.trim()));
  const width = Math.max(0, ...kept.map((row) => row.length));
  if (kept.length === 0) return "";
  // One line per row, its pipes kept as text.
  const line = (row: string[]) =>
    `| ${Array.from({ length: width }, (_, i) => (row[i] ?? "").replace(/\s+/g, " ").trim().replace(/\|/g, "\\|")).join(" | ")} |`;
  return [line(kept[0]!), `| ${Array.from({ length: width }, () => "---").join(" | ")} |`, ...kept.slice(1).map(line)].join("\n");
}
