import type { Embedder } from "../llm/embedder.ts";
import type { Logger } from "../logger.ts";
import type { KnowledgeIndex } from "../retrieval/open-index.ts";
import { syncSource, type SyncSummary } from "../retrieval/sync-source.ts";
import { VERIFIED_COLLECTION, VERIFIED_SOURCE } from "../shared/verified-collection.ts";
import { verifiedAnswerReader } from "./verified-answer-reader.ts";
import type { VerifiedAnswerStore } from "./verified-answer-store.ts";

/**
 * Brings the index in line with the verified answers: new and edited ones indexed, retired ones deleted,
 * the rest untouched. The caller makes sure no other sync writes the index meanwhile.
 */
export function syncVerifiedAnswers(
  index: KnowledgeIndex,
  store: Pick<VerifiedAnswerStore, "list">,
  options: { embedder?: Embedder | null; logger: Logger; full?: boolean },
): Promise<SyncSummary> {
  return syncSource(index, { name: VERIFIED_SOURCE, collection: VERIFIED_COLLECTION }, verifiedAnswerReader(store), options);
}
