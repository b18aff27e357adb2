import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createLocalEmbedder, LOCAL_EMBEDDING_MODEL } from "../../src/llm/local-embedder.ts";

const cosine = (a: number[], b: number[]) => a.reduce((sum, value, i) => sum + value * b[i]!, 0);

describe("the local embedding model (all-MiniLM-L6-v2, in-process, no server)", () => {
  const embedder = createLocalEmbedder();

  it("names itself, so an index records which model its vectors came from", () => {
    expect(embedder.model).toBe(LOCAL_EMBEDDING_MODEL);
  });

  it("turns each text into a unit-length vector of 384 numbers, in input order", async () => {
    const vectors = await embedder.embed(["How many weeks of parental leave do I get?", "The VPN must be on outside the office."]);
    expect(vectors).toHaveLength(2);
    for (const vector of vectors) {
      expect(vector).toHaveLength(384);
      expect(Math.sqrt(cosine(vector, vector))).toBeCloseTo(1, 5);
    }
    expect(cosine(vectors[0]!, vectors[1]!)).toBeLessThan(0.5);
  });

  it("places a question near the passage that answers it in other words, and away from an unrelated one", async () => {
    const [question, answer, unrelated] = await embedder.embed([
      "how many days off do i get when my kid is born?",
      "Paid parental leave: employees may take up to 12 weeks of paid leave after the birth or adoption of a child.",
      "Submit your travel expenses in Concur within five business days of returning.",
    ]);
    expect(cosine(question!, answer!)).toBeGreaterThan(cosine(question!, unrelated!) + 0.2);
  });

  it("embeds the same text the same way alone or in a batch of others with padding", async () => {
    const text = "Badges are picked up at the front desk.";
    const [alone] = await embedder.embed([text]);
    const batch = await embedder.embed(["A much longer sentence that makes the batch pad the shorter one with many extra tokens.", text]);
    expect(cosine(alone!, batch[1]!)).toBeCloseTo(1, 4);
  });

  it("reads a passage longer than the model's 256 word pieces from its start, and an empty list as no vectors", async () => {
    const [long] = await embedder.embed(["Employees may take paid parental leave after a birth. ".repeat(80)]);
    expect(long).toHaveLength(384);
    expect(await embedder.embed([])).toEqual([]);
  });

  it("computes on a thread of its own, so the server's event loop keeps running while passages are embedded", async () => {
    await embedder.embed(["warm up"]);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    await embedder.embed(Array.from({ length: 64 }, (_, i) => `Employees may take paid parental leave (${i}). `.repeat(25)));
    clearInterval(timer);
    // About 1.5 s of work in 4 batches of 16. On the main thread each batch would hold the loop for its whole
    // run: a tick or two per batch, under 10 in all.
    expect(ticks).toBeGreaterThanOrEqual(20);
  });

  it("fails with a clear error when the model cannot be loaded, and tries again on the next call instead of hanging", async () => {
    const broken = createLocalEmbedder({ modelFolder: join(tmpdir(), "docent-no-such-model") });
    await expect(broken.embed(["hello"])).rejects.toThrow(/the local embedding model could not run: .*docent-no-such-model/);
    await expect(broken.embed(["hello"])).rejects.toThrow(/the local embedding model could not run: .*docent-no-such-model/);
  });
});
