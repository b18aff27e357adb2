import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerQuestion, type CoreDependencies } from "../../src/core/answer-question.ts";
import type { Audience, Question } from "../../src/core/types.ts";
import type { LoadedContent } from "../../src/ingest/loaded-document.ts";
import type { SourceReader } from "../../src/ingest/source-reader.ts";
import { createExtractiveAnswerGenerator } from "../../src/llm/extractive-answer-generator.ts";
import { silentLogger } from "../../src/logger.ts";
import { openIndex, type KnowledgeIndex } from "../../src/retrieval/open-index.ts";
import { syncSource } from "../../src/retrieval/sync-source.ts";
import { EVERYONE, groupPrincipal, userPrincipal } from "../../src/shared/principals.ts";
import { sha256 } from "../../src/shared/sha256.ts";
import { tempDir } from "../helpers/corpus.ts";

const DOCUMENTS: Record<string, LoadedContent> = {
  "expenses.md": { title: "Expenses", url: null, keywords: "", markdown: "# Expenses\n\nClaim every taxi receipt within thirty days in the expenses portal." },
  "severance.md": {
    title: "Severance formula",
    url: "https://wiki.example.com/severance",
    keywords: "",
    markdown: "# Severance formula\n\nSeverance pays four weeks of salary for every year of service, capped at fifty-two weeks.",
    readers: [userPrincipal("dana@acme.test"), groupPrincipal("HR-Leads")],
  },
};

function memorySource(documents: Record<string, LoadedContent>): SourceReader {
  return {
    location: "memory",
    list: async () => Object.entries(documents).map(([docId, content]) => ({ docId, contentHash: sha256(JSON.stringify(content)), updatedAt: 0 })),
    load: async (docId) => documents[docId]!,
  };
}

/**
 * The rule every platform shares, at the core's boundary: a question's audience decides which restricted
 * documents its answer may draw on. Private: what the asker's principals may read; shared or absent: only
 * what everyone may read. A platform only has to set `audience` on the Question.
 */
describe("the audience of an answer", () => {
  let index: KnowledgeIndex;
  let deps: CoreDependencies;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const dir = await tempDir();
    index = await openIndex(join(dir.path, "db"));
    await syncSource(index, { name: "mem", collection: "default" }, memorySource(DOCUMENTS), { logger: silentLogger() });
    deps = { index, generator: createExtractiveAnswerGenerator(), scopes: {}, logger: silentLogger() };
    cleanup = async () => {
      index.close();
      await dir.remove();
    };
  });
  afterAll(() => cleanup());

  const ask = (text: string, audience?: Audience) => {
    const question: Question = { platform: "teams", user: "u", conversation: "c", thread: "t", text, history: [], ...(audience ? { audience } : {}) };
    return answerQuestion(question, deps);
  };
  const cited = async (text: string, audience?: Audience) => (await ask(text, audience)).citations.map((c) => c.docId);
  const QUESTION = "how many weeks of severance per year of service?";

  it("answers from a restricted document only to an asker among its readers, by user or by group", async () => {
    expect(await cited(QUESTION, { kind: "private", principals: [EVERYONE, userPrincipal("Dana@Acme.test")] })).toContain("severance.md");
    expect(await cited(QUESTION, { kind: "private", principals: [EVERYONE, userPrincipal("erin@acme.test"), groupPrincipal("hr-leads")] })).toContain(
      "severance.md",
    );
    expect(await cited(QUESTION, { kind: "private", principals: [userPrincipal("erin@acme.test")] })).not.toContain("severance.md");
  });

  it("declines a shared audience, and a private one outside the readers, with no trace of the restricted document", async () => {
    const audiences: (Audience | undefined)[] = [undefined, { kind: "shared" }, { kind: "private", principals: [EVERYONE, userPrincipal("erin@acme.test")] }];
    for (const audience of audiences) {
      const answer = await ask(QUESTION, audience);
      expect(answer.citations.map((c) => c.docId)).not.toContain("severance.md");
      expect(JSON.stringify(answer)).not.toMatch(/severance formula|fifty-two|wiki\.example\.com/i);
    }
    // Even a reader of the restricted page asking in a shared place gets what everyone may read, and no more.
    expect(await cited(QUESTION, { kind: "shared" })).not.toContain("severance.md");
  });

  it("keeps answering everyone's documents to every audience", async () => {
    const audiences: (Audience | undefined)[] = [undefined, { kind: "shared" }, { kind: "private", principals: [EVERYONE] }];
    for (const audience of audiences) expect((await cited("when must I claim a taxi receipt?", audience))[0]).toBe("expenses.md");
  });
});
