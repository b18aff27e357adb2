import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { silentLogger } from "../../src/logger.ts";
import { openIndex, type KnowledgeIndex } from "../../src/retrieval/open-index.ts";
import { failedOutcomes, syncSources } from "../../src/retrieval/sync-sources.ts";
import { CORPUS_18F, tempDir } from "./corpus.ts";

/** The 18F handbook indexed into a fresh LanceDB in a temp directory (pages only, as its SOURCE.md asks). */
export async function index18F(extra: { collection?: string } = {}): Promise<{ index: KnowledgeIndex; dbPath: string; cleanup: () => Promise<void> }> {
  const dir = await tempDir();
  const dbPath = join(dir.path, "db");
  const index = await openIndex(dbPath);
  const outcomes = await syncSources(
    index,
    [{ name: "18f", type: "folder", path: CORPUS_18F, include: ["pages/**"], collection: extra.collection ?? "default", prettyUrls: false }],
    { logger: silentLogger() },
  );
  const failures = failedOutcomes(outcomes);
  if (failures.length) throw new Error(`indexing the 18F corpus failed: ${failures.map((f) => f.error).join("; ")}`);
  return {
    index,
    dbPath,
    cleanup: async () => {
      index.close();
      await dir.remove();
    },
  };
}

/** A few Markdown pages (file name → text) written to a temp folder and indexed as one source, for tests of a small corpus. */
export async function indexPages(pages: Record<string, string>): Promise<{ index: KnowledgeIndex; cleanup: () => Promise<void> }> {
  const dir = await tempDir();
  const docs = join(dir.path, "docs");
  await mkdir(docs);
  for (const [name, text] of Object.entries(pages)) await writeFile(join(docs, name), text);
  const index = await openIndex(join(dir.path, "db"));
  const failures = failedOutcomes(
    await syncSources(index, [{ name: "docs", type: "folder", path: docs, collection: "default", prettyUrls: false }], { logger: silentLogger() }),
  );
  if (failures.length) throw new Error(`indexing the test pages failed: ${failures.map((f) => f.error).join("; ")}`);
  return {
    index,
    cleanup: async () => {
      index.close();
      await dir.remove();
    },
  };
}
