import { xmlTokens } from "./office-package.ts";

interface DiagramNode {
  text: string;
  children: { order: number; id: string }[];
}

// Points that hold what the author typed; the others are the diagram's root, its connectors and its layout.
const CONTENT_TYPES = new Set(["node", "asst"]);

/**
 * A SmartArt diagram's text (an org chart, a process, a cycle) as a nested list, read from its data model:
 * each point the author typed into, under the point it hangs from, in the order the diagram shows them.
 * Org charts and process steps often say who does what; a deck or document without them loses that.
 */
export function smartArtMarkdown(dataModel: string): string {
  const nodes = new Map<string, DiagramNode>();
  const childIds = new Set<string>();
  let root: string | null = null;
  let point: { id: string; type: string; paragraphs: string[] } | null = null;
  let paragraph: string | null = null;
  let inText = false;
  for (const token of xmlTokens(dataModel)) {
    if (token.kind === "text") {
      if (inText && paragraph !== null) paragraph += token.text;
      continue;
    }
    const { name } = token;
    if (token.kind === "open") {
      if (name === "pt") point = { id: token.attributes.modelId ?? "", type: token.attributes.type ?? "node", paragraphs: [] };
      else if (name === "p" && point) paragraph = "";
      else if (name === "t" && paragraph !== null) inText = true;
      else if (name === "cxn" && (token.attributes.type ?? "parOf") === "parOf") {
        const [source, target] = [token.attributes.srcId ?? "", token.attributes.destId ?? ""];
        nodes.get(source)?.children.push({ order: Number(token.attributes.srcOrd ?? 0) || 0, id: target });
        childIds.add(target);
      }
      continue;
    }
    if (name === "t") inText = false;
    else if (name === "p" && point && paragraph !== null) {
      const text = paragraph.replace(/\s+/g, " ").trim();
      if (text) point.paragraphs.push(text);
      paragraph = null;
    } else if (name === "pt" && point) {
      if (point.type === "doc") root = point.id;
      if (point.type === "doc" || CONTENT_TYPES.has(point.type)) nodes.set(point.id, { text: point.paragraphs.join(" "), children: [] });
      point = null;
    }
  }
  const lines: string[] = [];
  const seen = new Set<string>();
  const ordered = (node: DiagramNode | undefined) => [...(node?.children ?? [])].sort((a, b) => a.order - b.order).map((child) => child.id);
  // Depth first without recursion: a hostile file may chain points deeper than the call stack goes.
  const pending: { id: string; depth: number }[] = [];
  const visitAll = (ids: string[], depth: number) => {
    pending.push(...ids.reverse().map((id) => ({ id, depth })));
    while (pending.length > 0) {
      const { id, depth: at } = pending.pop()!;
      const node = nodes.get(id);
      if (!node || seen.has(id)) continue;
      seen.add(id);
      // A point left empty keeps its place: its children hang at its depth.
      if (node.text) lines.push(`${"  ".repeat(at)}- ${node.text}`);
      const next = node.text ? Math.min(at + 1, 8) : at;
      for (const child of ordered(node).reverse()) pending.push({ id: child, depth: next });
    }
  };
  if (root) visitAll(ordered(nodes.get(root)), 0);
  // Points no connection reaches (a data model without its root) are read in the order written.
  visitAll(
    [...nodes.keys()].filter((id) => id !== root && !childIds.has(id)),
    0,
  );
  return lines.join("\n");
}
