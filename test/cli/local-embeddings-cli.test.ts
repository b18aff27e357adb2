import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_EMBEDDING_MODEL } from "../../src/llm/local-embedder.ts";
import { openIndex } from "../../src/retrieval/open-index.ts";
import { SAMPLE_KNOWLEDGE, tempDir } from "../helpers/corpus.ts";
import { docentInProcess as docent } from "../helpers/docent-in-process.ts";

describe("DOCENT_EMBEDDING_MODEL=local: hybrid retrieval without a model server", () => {
  let dir: { path: string; remove: () => Promise<void> };
  let db: string;
  const env = { DOCENT_EMBEDDING_MODEL: "local" };
  beforeAll(async () => {
    dir = await tempDir();
    db = join(dir.path, "db");
  });
  afterAll(() => dir.remove());

  it("embeds every passage while indexing and records the local model with the index", async () => {
    const { code, stderr } = await docent(["ingest", SAMPLE_KNOWLEDGE, "--db", db, "--json"], dir.path, env);
    expect(code, stderr).toBe(0);
    const index = await openIndex(db);
    try {
      expect(await index.embeddingModel()).toBe(LOCAL_EMBEDDING_MODEL);
      const rows = await (await index.table())!.query().where("chunkIndex >= 0").select(["vector"]).toArray();
      expect(rows.length).toBeGreaterThan(10);
      expect(rows.every((row) => row.vector?.length === 384)).toBe(true);
    } finally {
      index.close();
    }
  });

  it("finds the page for a question that shares no word with its title", async () => {
    const { code, stdout } = await docent(["search", "my wife is having a baby, how much time off do I get?", "--k", "3", "--db", db, "--json"], dir.path, env);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).results.map((r: { docId: string }) => r.docId)).toContain("hr/parental-leave.md");
  });

  it("says in the eval report that it measured hybrid retrieval", async () => {
    const questions = join(dir.path, "questions.jsonl");
    await writeFile(
      questions,
      `${JSON.stringify({ id: "q1", question: "my wife is having a baby, how much time off do I get?", relevant: ["hr/parental-leave.md"] })}\n`,
    );
    const { code, stdout } = await docent(["eval", questions, "--db", db, "--json"], dir.path, env);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ retrieval: "hybrid", questions: 1, hitAtK: 1 });
  });

  it("answers extractively with citations, as without embeddings", async () => {
    const { code, stdout } = await docent(["ask", "how long is parental leave for the primary caregiver?", "--db", db, "--json"], dir.path, env);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.mode).toBe("extractive");
    expect(json.citations[0].docId).toBe("hr/parental-leave.md");
  });

  it("says on stderr when the index holds no vectors of the configured model, and searches full-text", async () => {
    const textOnly = join(dir.path, "text-only");
    expect((await docent(["ingest", SAMPLE_KNOWLEDGE, "--db", textOnly], dir.path)).code).toBe(0);
    const { code, stdout, stderr } = await docent(["search", "parental leave", "--k", "1", "--db", textOnly, "--json"], dir.path, env);
    expect(code).toBe(0);
    expect(stderr).toMatch(/holds no vectors of local\/all-MiniLM-L6-v2-q4: searching full-text only \(run docent ingest --full/);
    expect(JSON.parse(stdout).results[0].docId).toBe("hr/parental-leave.md");
  });
});
