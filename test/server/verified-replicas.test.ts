import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import type { DocentCore } from "../../src/core/docent-core.ts";
import { tempDir } from "../helpers/corpus.ts";
import { startTestDocent } from "../helpers/start-test-docent.ts";

const ask = (core: DocentCore, text: string) =>
  core.ask({ platform: "web", user: "u1", conversation: "playground", thread: `t-${Math.random()}`, text, history: [] });

describe("verified answers with several replicas", () => {
  it("a replica that only reads stores an expert's answer; the writer indexes it, and both answer from it, until it is retired", async () => {
    const dir = await tempDir();
    const env = { DOCENT_DB: join(dir.path, "db") };
    const writer = await startTestDocent({ adapters: [], env });
    const reader = await startTestDocent({ adapters: [], env: { ...env, DOCENT_INDEX_WRITER: "false" } });
    try {
      expect((await ask(reader.docent.core, "Can I bring my dog to the office?")).mode).toBe("no-answer");
      const saved = await reader.docent.core.verified.save({
        question: "Can I bring my dog to the office?",
        answer: "Dogs are welcome on Fridays, on a leash, once the office manager has their vaccination record.",
        verifiedBy: { name: "Dana Reyes", platform: "web", id: "admin" },
      });
      // The writer notices the new row within its poll (5 s); the reader sees the new index version within its read interval (5 s).
      for (const replica of [writer, reader]) {
        await vi.waitFor(async () => expect((await ask(replica.docent.core, "May I bring my dog to the office?")).citations[0]?.docId).toBe(saved.docId), {
          timeout: 30_000,
          interval: 500,
        });
      }
      expect(await writer.docent.core.verified.list()).toEqual([expect.objectContaining({ id: saved.id, verifiedBy: saved.verifiedBy })]);

      expect(await reader.docent.core.verified.retire(saved.id)).toBe(true);
      await vi.waitFor(
        async () => expect((await ask(reader.docent.core, "May I bring my dog to the office?")).citations.map((c) => c.docId)).not.toContain(saved.docId),
        { timeout: 30_000, interval: 500 },
      );
    } finally {
      await reader.stop();
      await writer.stop();
      await dir.remove();
    }
  }, 90_000);
});
