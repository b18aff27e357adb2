import { describe, expect, it } from "vitest";
import { createHealthCheck } from "../../src/server/create-health-check.ts";
import type { IndexStatus } from "../../src/server/create-index-status.ts";

const indexWith = (embeddingModel: string | null, chunks = 143): IndexStatus => ({
  documents: chunks ? 20 : 0,
  chunks,
  collections: ["default"],
  embeddingModel,
  version: { number: 3, committedAt: "2026-12-01T10:00:00.000Z" },
  lastSync: null,
  syncing: false,
});

const health = (configured: string | null, indexed: string | null, chunks?: number) =>
  createHealthCheck({
    ready: () => true,
    indexStatus: async () => indexWith(indexed, chunks),
    lastSync: () => null,
    adapters: [],
    generatorName: "extractive",
    embeddingModel: configured,
  })();

describe("/healthz on retrieval", () => {
  it("says full-text when no embedding model is configured", async () => {
    expect(await health(null, null)).toMatchObject({ ready: true, status: "ok", retrieval: "full-text" });
  });

  it("says hybrid when the index holds vectors of the configured model", async () => {
    expect(await health("local/all-MiniLM-L6-v2-q4", "local/all-MiniLM-L6-v2-q4")).toMatchObject({ status: "ok", retrieval: "hybrid" });
  });

  it("is degraded, naming the fix, when the configured model's vectors are not in the index: search quietly stays full-text", async () => {
    const report = await health("local/all-MiniLM-L6-v2-q4", null);
    expect(report).toMatchObject({ ready: true, status: "degraded", retrieval: "full-text" });
    expect(report.reason).toMatch(/local\/all-MiniLM-L6-v2-q4 is configured but the index holds no vectors.*docent ingest --full/);
    expect((await health("text-embedding-3-small", "local/all-MiniLM-L6-v2-q4")).reason).toMatch(/holds vectors of local\/all-MiniLM-L6-v2-q4/);
  });

  it("is not degraded over an empty index, which has no vectors of any model yet", async () => {
    expect(await health("local/all-MiniLM-L6-v2-q4", null, 0)).toMatchObject({ status: "ok", retrieval: "full-text" });
  });
});
