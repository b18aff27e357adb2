import type { ImportEdge } from "./import-graph.ts";

/**
 * Docent's layers, top first. A file may import from its own layer's folder and from any layer below,
 * never from one above. Siblings in one layer (retrieval, llm, feedback; the adapters) must not form a
 * cycle, and one adapter never imports another. Which folder is which layer is decided by the first
 * matching prefix; a file that matches none fails the check, so a new folder must be placed explicitly.
 */
export const LAYERS: { name: string; folders: string[] }[] = [
  // The composition root: commands, the wiring that picks adapters, generators and stores.
  { name: "composition", folders: ["bin/", "bench/", "src/cli/", "src/cli.ts"] },
  { name: "adapters", folders: ["adapters/"] },
  // The HTTP server, the route wrapper, the adapter contract, health, start-up and shutdown.
  { name: "server", folders: ["src/server/"] },
  // Question answering, and the one chat question flow every adapter runs.
  { name: "core", folders: ["src/core/"] },
  // Shared state (memory or Redis) sits with them: the core and the adapters keep their replica-wide state there.
  { name: "services", folders: ["src/retrieval/", "src/llm/", "src/feedback/", "src/state/"] },
  { name: "ingest", folders: ["src/ingest/"] },
  // Leaves: import nothing of ours. config.ts and logger.ts stay at src/ (every layer reads them).
  { name: "shared", folders: ["src/shared/", "src/config.ts", "src/logger.ts"] },
];

/** 0 is the top layer; undefined for a file in no layer. */
export function layerOf(file: string): number | undefined {
  const index = LAYERS.findIndex((layer) => layer.folders.some((folder) => file === folder || (folder.endsWith("/") && file.startsWith(folder))));
  return index === -1 ? undefined : index;
}

/** The folder a file belongs to for the cycle rule: `adapters/slack`, `src/retrieval`, `src/config.ts`, `bin`. */
export function unitOf(file: string): string {
  const parts = file.split("/");
  if (parts[0] === "adapters" || parts[0] === "src") return parts.length > 2 ? `${parts[0]}/${parts[1]}` : file.replace(/\.ts$/, "");
  return parts[0]!;
}

/** Every broken rule, one plain sentence each; empty when the imports follow the layers. */
export function findLayerViolations(files: string[], edges: ImportEdge[]): string[] {
  const problems: string[] = [];
  for (const file of files) if (layerOf(file) === undefined) problems.push(`${file} is in no layer: add its folder to LAYERS`);
  for (const { from, to } of edges) {
    const [fromLayer, toLayer] = [layerOf(from), layerOf(to)];
    if (fromLayer === undefined || toLayer === undefined) continue;
    if (toLayer < fromLayer) problems.push(`${from} imports ${to}: ${LAYERS[fromLayer]!.name} may not import from ${LAYERS[toLayer]!.name}, a layer above it`);
    else if (LAYERS[fromLayer]!.name === "adapters" && toLayer === fromLayer && unitOf(from) !== unitOf(to))
      problems.push(`${from} imports ${to}: one adapter does not import another`);
  }
  // Folders: any import counts, types included, since a cycle of folders is a cycle of knowledge.
  const folderEdges = edges.map(({ from, to }) => [unitOf(from), unitOf(to)] as const).filter(([from, to]) => from !== to);
  for (const cycle of findCycles(folderEdges)) problems.push(`the folders ${cycle.join(", ")} import each other in a cycle`);
  // Files: only imports that run, since a type-only import is erased and cannot affect load order.
  const fileEdges = edges.filter((edge) => !edge.typeOnly).map(({ from, to }) => [from, to] as const);
  for (const cycle of findCycles(fileEdges)) problems.push(`the files ${cycle.join(", ")} import each other in a cycle`);
  return problems;
}

/** The strongly connected components with more than one node (Tarjan), each sorted, in a stable order. */
export function findCycles(edges: readonly (readonly [string, string])[]): string[][] {
  const next = new Map<string, string[]>();
  for (const [from, to] of edges) {
    next.set(from, [...(next.get(from) ?? []), to]);
    if (!next.has(to)) next.set(to, []);
  }
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const connect = (node: string) => {
    order.set(node, order.size);
    low.set(node, order.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const target of next.get(node)!) {
      if (!order.has(target)) {
        connect(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) low.set(node, Math.min(low.get(node)!, order.get(target)!));
    }
    if (low.get(node) !== order.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1) cycles.push(component.sort());
  };
  for (const node of [...next.keys()].sort()) if (!order.has(node)) connect(node);
  return cycles.sort((a, b) => a[0]!.localeCompare(b[0]!));
}
