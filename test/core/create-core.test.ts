import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import type { CoreDependencies } from "../../src/core/answer-question.ts";
import { createCoreDependencies } from "../../src/core/create-core.ts";
import { joinPassages } from "../../src/llm/answer-generator.ts";
import { LOCAL_EMBEDDING_MODEL } from "../../src/llm/local-embedder.ts";
import { silentLogger } from "../../src/logger.ts";
import { openIndex, type KnowledgeIndex } from "../../src/retrieval/open-index.ts";
import { tempDir } from "../helpers/corpus.ts";

// Each sentence shares one word with the question, "password": only the meaning of "sixteen characters or more"
// answers "how long".
const question = "how long do my passwords need to be?";
const passages = [
  {
    n: 1,
    title: "Passwords",
    heading: null,
    updatedAt: 0,
    text: joinPassages([
      "Never share your passwords with anyone, not even with the IT team. Store every password in the company password manager.",
      "A strong password is made of sixteen characters or more.",
    ]),
  },
];

describe("the core wired from configuration, with neither a chat model nor an embedding model", () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let index: KnowledgeIndex;
  beforeAll(async () => {
    dir = await tempDir();
    index = await openIndex(dir.path);
  });
  afterAll(async () => {
    index.close();
    await dir.remove();
  });
  const coreFrom = (env: Record<string, string>) => createCoreDependencies(loadConfig(env, dir.path), index, silentLogger(), null);
  const answer = (deps: CoreDependencies) => deps.generator.generate({ question, query: question, history: [], passages });

  it("answers extractively, searching full-text only and reordering the candidates and choosing the quote by meaning with the local model", async () => {
    const deps = coreFrom({});
    expect(deps.generator.mode).toBe("extractive");
    expect(deps.embedder).toBeNull();
    expect(deps.rerankBy?.model).toBe(LOCAL_EMBEDDING_MODEL);
    expect(await answer(deps)).toMatch(/^A strong password is made of sixteen characters or more\. \[1\]/);
  }, 60_000);

  it("chooses the quote by its words alone with DOCENT_QUOTE_BY_MEANING=false", async () => {
    expect(await answer(coreFrom({ DOCENT_QUOTE_BY_MEANING: "false" }))).not.toContain("sixteen characters");
  });

  it("keeps the full-text order with DOCENT_RERANK_BY_MEANING=false, or with a chat model unless it is true", () => {
    expect(coreFrom({ DOCENT_RERANK_BY_MEANING: "false" }).rerankBy).toBeNull();
    const chat = { OPENAI_BASE_URL: "http://127.0.0.1:9/v1" };
    expect(coreFrom(chat).rerankBy).toBeNull();
    expect(coreFrom({ ...chat, DOCENT_RERANK_BY_MEANING: "true" }).rerankBy?.model).toBe(LOCAL_EMBEDDING_MODEL);
  });
});
