import type { LoadedContent } from "../ingest/loaded-document.ts";
import type { SourceReader } from "../ingest/source-reader.ts";
import { sha256 } from "../shared/sha256.ts";
import type { VerifiedAnswer, VerifiedAnswerStore } from "./verified-answer-store.ts";

/** What every answer that draws on a verified answer cites it as: "Verified by Dana Reyes, 2026-12-01". */
export function verifiedTitle(answer: Pick<VerifiedAnswer, "verifiedBy" | "verifiedAt">): string {
  return `Verified by ${answer.verifiedBy.name}, ${answer.verifiedAt.slice(0, 10)}`;
}

/**
 * The live verified answers as a source like any other, so the sync indexes them incrementally: one
 * document each, the question as its heading (and as keywords, since a repeated question uses its
 * words), the expert's text as its body, the thread as its link. Retired ones are absent, so a sync deletes them.
 */
export function verifiedAnswerReader(store: Pick<VerifiedAnswerStore, "list">): SourceReader {
  let listed: Map<string, VerifiedAnswer> | null = null;
  const load = async (docId: string): Promise<LoadedContent> => {
    const answer = listed?.get(docId);
    if (!answer) throw new Error(`no verified answer ${docId}`);
    return {
      title: verifiedTitle(answer),
      url: answer.link,
      markdown: `# ${answer.question.replace(/\s+/g, " ")}\n\n${answer.answer}`,
      keywords: answer.question,
    };
  };
  return {
    location: "verified answers",
    async list() {
      const answers = await store.list();
      listed = new Map(answers.map((answer) => [answer.docId, answer]));
      return answers.map((answer) => ({
        docId: answer.docId,
        // Everything shown or searched: an edit, a new verifier or a new date re-indexes the document.
        contentHash: sha256(JSON.stringify([answer.question, answer.answer, answer.link, verifiedTitle(answer)])),
        updatedAt: Date.parse(answer.verifiedAt),
      }));
    },
    load,
  };
}
