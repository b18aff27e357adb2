import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerQuestion, type CoreDependencies } from "../../src/core/answer-question.ts";
import type { Question } from "../../src/core/types.ts";
import { createExtractiveAnswerGenerator } from "../../src/llm/extractive-answer-generator.ts";
import { createLocalEmbedder } from "../../src/llm/local-embedder.ts";
import { silentLogger } from "../../src/logger.ts";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { openIndex } from "../../src/retrieval/open-index.ts";
import { syncSources } from "../../src/retrieval/sync-sources.ts";
import { splitSentences } from "../../src/shared/split-sentences.ts";
import { tempDir } from "../helpers/corpus.ts";
import { index18F, indexPages } from "../helpers/indexed-corpus.ts";

const ask = (text: string, history: Question["history"] = []): Question => ({ platform: "cli", user: "u1", conversation: "c1", thread: "t1", text, history });

describe("answering without a language model (extractive mode)", () => {
  let deps: CoreDependencies;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const indexed = await index18F();
    cleanup = indexed.cleanup;
    deps = { index: indexed.index, generator: createExtractiveAnswerGenerator(), scopes: {}, logger: silentLogger() };
  });
  afterAll(() => cleanup());

  it("quotes sentences from the sources, citing each run of them from one source once, numbered in order of use", async () => {
    const shown: string[] = [];
    const answer = await answerQuestion(ask("how many weeks of paid parental leave do I get?"), deps, { onDelta: (text) => shown.push(text) });
    expect(answer.text).toMatch(/\[1\]$/);
    const markers = [...answer.text.matchAll(/\[\d+\]/g)].map((m) => m[0]);
    expect(markers.filter((marker, i) => marker === markers[i + 1])).toEqual([]);
    expect(splitSentences(answer.text).length).toBeGreaterThan(markers.length);
    // A quote is shown whole, as the reply will read, so a stream of it is never replaced.
    expect(shown).toEqual([answer.text]);
    const numbers = [...answer.text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
    expect(numbers[0]).toBe(1);
    expect(Math.max(...numbers)).toBe(answer.citations.length);
    expect(answer.citations.map((c) => c.n)).toEqual(answer.citations.map((_, i) => i + 1));
    expect(answer.grounded).toBe(true);
    expect(answer.citations[0]!.docId).toMatch(/parental-leave|leave/);
  });

  it("answers a question with a typo in its key word as it answers the question spelt right", async () => {
    const answer = await answerQuestion(ask("how many weeks of paid parnetal leave do I get?"), deps);
    expect(answer.mode).toBe("extractive");
    expect(answer.query).toBe("how many weeks of paid parental leave do I get?");
    expect(answer.citations[0]!.docId).toBe((await answerQuestion(ask("how many weeks of paid parental leave do I get?"), deps)).citations[0]!.docId);
  });

  it("says the knowledge base does not cover a question it cannot answer, listing the closest sources", async () => {
    const answer = await answerQuestion(ask("what is the boiling point of tungsten in kelvin?"), deps);
    expect(answer.mode).toBe("no-answer");
    expect(answer.text).toMatch(/couldn't find/i);
    expect(answer.text).not.toMatch(/\[\d+\]/);
  });

  it("carries the topic of the thread into a follow-up question", async () => {
    const history = [
      { role: "user" as const, text: "how much paid parental leave do I get?" },
      { role: "assistant" as const, text: "12 weeks of paid parental leave [1]." },
    ];
    const answer = await answerQuestion(ask("and do I need to have worked here a year?", history), deps);
    expect(answer.query).toMatch(/parental/);
    expect(answer.citations.some((c) => /parental-leave|fmla/.test(c.docId))).toBe(true);
  });

  it("never takes a document's own numbered reference for a citation of one of its sources", async () => {
    const dir = await tempDir();
    await mkdir(join(dir.path, "kb"));
    await writeFile(
      join(dir.path, "kb", "replication.md"),
      "# Replication\n\nReplicas are kept in sync with a quorum-like technique [2], and every write is versioned [1].\n",
    );
    await writeFile(join(dir.path, "kb", "quorum.md"), "# Quorum reads\n\nA quorum read asks a majority of replicas and takes the newest version.\n");
    const index = await openIndex(join(dir.path, "db"));
    await syncSources(index, [{ name: "kb", type: "folder", path: join(dir.path, "kb"), collection: "default", prettyUrls: false }], {
      logger: silentLogger(),
    });
    try {
      const answer = await answerQuestion(ask("how are replicas kept in sync?"), { ...deps, index });
      expect(answer.citations[0]!.docId).toBe("replication.md");
      expect(answer.text).toContain("Replicas are kept in sync with a quorum-like technique, and every write is versioned. [1]");
      expect(answer.citations.map((c) => c.docId)).not.toContain("quorum.md");
    } finally {
      index.close();
      await dir.remove();
    }
  });

  it("declines, with the closest sources, a question whose words the sources share but whose meaning none of their sentences comes near", async () => {
    const { index, cleanup } = await indexPages({
      "services.md": "# New services\n\nEvery new service has an owner and a runbook. A service's database credentials are stored in the vault.\n",
    });
    const byMeaning = { ...deps, index, generator: createExtractiveAnswerGenerator({ embedder: createLocalEmbedder() }) };
    try {
      const unanswered = await answerQuestion(ask("which database should a new service use, postgres or mysql?"), byMeaning);
      expect(unanswered.mode).toBe("no-answer");
      expect(unanswered.citations.map((c) => c.docId)).toEqual(["services.md"]);
      const answered = await answerQuestion(ask("where are a service's database credentials stored?"), byMeaning);
      expect(answered.text).toContain("A service's database credentials are stored in the vault. [1]");
    } finally {
      await cleanup();
    }
  }, 60_000);

  it("answers from a single shared word when a sentence comes close in meaning, which quoting by words alone would not risk", async () => {
    const { index, cleanup } = await indexPages({
      "conduct.md": "# Code of conduct\n\nIf you witness harassment of a colleague, report it to your manager or to People Ops.\n",
      "meetings.md": "# Meetings\n\nEvery meeting has an agenda, shared with the invitation a day ahead.\n",
    });
    try {
      const question = ask("saw a coworker being harassed in a meeting, who do I go to?");
      const byMeaning = await answerQuestion(question, { ...deps, index, generator: createExtractiveAnswerGenerator({ embedder: createLocalEmbedder() }) });
      expect(byMeaning.text).toBe("If you witness harassment of a colleague, report it to your manager or to People Ops. [1]");
      const byWords = await answerQuestion(question, { ...deps, index });
      expect(byWords.mode).toBe("no-answer");
    } finally {
      await cleanup();
    }
  }, 60_000);

  it("quotes the page the search found most strongly over a page that mentions the topic in passing with a sentence closer in meaning", async () => {
    const unrelated = Object.fromEntries(
      Array.from({ length: 6 }, (_, i) => [`team-${i}.md`, `# Team ${i}\n\nThe team meets on Mondays to plan the week, and the minutes go to the wiki.\n`]),
    );
    const { index, cleanup } = await indexPages({
      ...unrelated,
      "leaving.md": "# How much notice to give when you quit\n\nFour weeks, in writing to your manager.\n",
      "time-off.md":
        "# Time off\n\nWe trust you with your time, and we expect you to plan it with your team. Give your team at least a week's notice before you take time off. Holidays are booked in the HR system.\n",
    });
    const byMeaning = { ...deps, index, generator: createExtractiveAnswerGenerator({ embedder: createLocalEmbedder() }) };
    try {
      // By its own words and meaning alone, the sentence on time off is the closer one.
      const answer = await answerQuestion(ask("how much notice do I have to give before I quit?"), byMeaning);
      expect(answer.text).toBe("Four weeks, in writing to your manager. [1]");
      expect(answer.citations.map((c) => c.docId)).toEqual(["leaving.md"]);
    } finally {
      await cleanup();
    }
  }, 60_000);

  it("declines a question with a word no page has unless a sentence comes close to it in meaning", async () => {
    const { index, cleanup } = await indexPages({ "allowances.md": "# Monthly allowances\n\nWe reimburse 50 dollars per month of home internet costs.\n" });
    const byMeaning = { ...deps, index, generator: createExtractiveAnswerGenerator({ embedder: createLocalEmbedder() }) };
    try {
      const gym = await answerQuestion(ask("is there a monthly gym or wellness stipend?"), byMeaning);
      expect(gym.mode).toBe("no-answer");
      expect(gym.citations.map((c) => c.docId)).toEqual(["allowances.md"]);
      const internet = await answerQuestion(ask("is there a monthly allowance for home internet?"), byMeaning);
      expect(internet.text).toBe("We reimburse 50 dollars per month of home internet costs. [1]");
    } finally {
      await cleanup();
    }
  }, 60_000);
});
