// The layering, top to bottom (README, "How it works"); an import may only point down or sideways
// within its own folder:
//   bin/, bench/, src/cli/ (composition root)  →  adapters/*  →  src/server/  →  src/core/
//   →  src/retrieval, src/llm, src/feedback (siblings, no cycles)  →  src/ingest/
//   →  src/shared/, src/config.ts, src/logger.ts (leaves)
// The rules themselves are in layers.ts; this test runs them over the real tree.
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { listSourceFiles, readImportEdges } from "./import-graph.ts";
import { findCycles, findLayerViolations, layerOf } from "./layers.ts";

const ROOT = resolve(import.meta.dirname, "../..");

describe("the import layering", () => {
  const files = listSourceFiles(ROOT, ["src", "adapters", "bin", "bench"]);
  const edges = readImportEdges(ROOT, files);

  it("reads the imports of the whole tree, dynamic ones included", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(edges).toContainEqual({ from: "bin/docent.js", to: "src/cli.ts", typeOnly: false });
  });

  it("has no import that runs upward or in a cycle", () => {
    expect(findLayerViolations(files, edges)).toEqual([]);
  });
});

describe("the layer rules", () => {
  const files = ["src/core/answer.ts", "src/llm/generator.ts", "src/retrieval/search.ts", "adapters/slack/reply.ts", "adapters/teams/reply.ts"];

  it("place each folder in its layer, top first", () => {
    expect(layerOf("src/cli/serve-command.ts")).toBeLessThan(layerOf("adapters/slack/reply.ts")!);
    expect(layerOf("adapters/slack/reply.ts")).toBeLessThan(layerOf("src/server/start-docent.ts")!);
    expect(layerOf("src/server/start-docent.ts")).toBeLessThan(layerOf("src/core/answer.ts")!);
    expect(layerOf("src/core/answer.ts")).toBeLessThan(layerOf("src/llm/generator.ts")!);
    expect(layerOf("src/llm/generator.ts")).toBeLessThan(layerOf("src/ingest/build-chunks.ts")!);
    expect(layerOf("src/ingest/build-chunks.ts")).toBeLessThan(layerOf("src/shared/sha256.ts")!);
    expect(layerOf("src/somewhere-new/x.ts")).toBeUndefined();
  });

  it("accept imports that point down", () => {
    const edges = [
      { from: "adapters/slack/reply.ts", to: "src/core/answer.ts", typeOnly: false },
      { from: "src/core/answer.ts", to: "src/llm/generator.ts", typeOnly: false },
    ];
    expect(findLayerViolations(files, edges)).toEqual([]);
  });

  it("catch an import that points up", () => {
    const edges = [{ from: "src/llm/generator.ts", to: "src/core/answer.ts", typeOnly: true }];
    expect(findLayerViolations(files, edges)).toEqual(["src/llm/generator.ts imports src/core/answer.ts: services may not import from core, a layer above it"]);
  });

  it("catch siblings that import each other in a cycle, and one adapter importing another", () => {
    const siblings = [
      { from: "src/llm/generator.ts", to: "src/retrieval/search.ts", typeOnly: true },
      { from: "src/retrieval/search.ts", to: "src/llm/generator.ts", typeOnly: false },
    ];
    expect(findLayerViolations(files, siblings)).toEqual(["the folders src/llm, src/retrieval import each other in a cycle"]);
    expect(findLayerViolations(files, [{ from: "adapters/teams/reply.ts", to: "adapters/slack/reply.ts", typeOnly: false }])).toEqual([
      "adapters/teams/reply.ts imports adapters/slack/reply.ts: one adapter does not import another",
    ]);
  });

  it("catch a load-order cycle of files within a folder, but not one made only of type imports", () => {
    const twoFiles = ["src/core/a.ts", "src/core/b.ts"];
    const runtime = [
      { from: "src/core/a.ts", to: "src/core/b.ts", typeOnly: false },
      { from: "src/core/b.ts", to: "src/core/a.ts", typeOnly: false },
    ];
    expect(findLayerViolations(twoFiles, runtime)).toEqual(["the files src/core/a.ts, src/core/b.ts import each other in a cycle"]);
    expect(findLayerViolations(twoFiles, [runtime[0]!, { ...runtime[1]!, typeOnly: true }])).toEqual([]);
  });

  it("name a file outside every layer", () => {
    expect(findLayerViolations(["src/elsewhere/x.ts"], [])).toEqual(["src/elsewhere/x.ts is in no layer: add its folder to LAYERS"]);
  });

  it("find every cycle once", () => {
    expect(
      findCycles([
        ["a", "b"],
        ["b", "c"],
        ["c", "a"],
        ["c", "d"],
        ["d", "e"],
        ["e", "d"],
      ]),
    ).toEqual([
      ["a", "b", "c"],
      ["d", "e"],
    ]);
  });
});
