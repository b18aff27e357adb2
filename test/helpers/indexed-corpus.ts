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
