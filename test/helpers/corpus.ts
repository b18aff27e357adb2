import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/** The public 18F handbook corpus and its 50 questions, read from the shared data folder (never copied into the repo). */
export const CORPUS_18F = resolve(import.meta.dirname, "../../../shared/data/corpus-18f-handbook");
export const QUESTIONS_18F = resolve(import.meta.dirname, "../../../shared/data/eval-18f-handbook.jsonl");
/** The public CivicActions guidebook (index `guidebook/**` only) and its 60 questions, 8 of them unanswerable by design. */
export const CORPUS_CIVICACTIONS = resolve(import.meta.dirname, "../../../shared/data/corpus-civicactions-guidebook");
export const QUESTIONS_CIVICACTIONS = resolve(import.meta.dirname, "../../../shared/data/eval-civicactions-guidebook.jsonl");
export const SAMPLE_KNOWLEDGE = resolve(import.meta.dirname, "../../knowledge");

export async function tempDir(prefix = "docent-test-"): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  // Retries: a LanceDB commit finishing in the background can still be writing a file as we remove.
  return { path, remove: () => rm(path, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }) };
}

/** A writable copy of the 18F pages, for tests that edit or delete documents between syncs. */
export async function copyCorpus(into: string): Promise<string> {
  const target = join(into, "corpus");
  await cp(join(CORPUS_18F, "pages"), join(target, "pages"), { recursive: true });
  return target;
}
