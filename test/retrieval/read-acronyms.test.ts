import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/logger.ts";
import { openIndex, type KnowledgeIndex } from "../../src/retrieval/open-index.ts";
import { searchIndex } from "../../src/retrieval/search-index.ts";
import { expandAcronyms } from "../../src/retrieval/expand-acronyms.ts";
import { readAcronyms } from "../../src/retrieval/read-acronyms.ts";
import { failedOutcomes, syncSources } from "../../src/retrieval/sync-sources.ts";
import { tempDir } from "../helpers/corpus.ts";

describe("acronyms the knowledge base defines", () => {
  let index: KnowledgeIndex;
  let handbook: string;
  let cleanup: () => Promise<void>;
  const sync = async () => {
    const sources = [
      { name: "handbook", type: "folder" as const, path: handbook, collection: "handbook", prettyUrls: false },
      { name: "hr", type: "folder" as const, path: join(handbook, "..", "hr"), collection: "hr", prettyUrls: false },
    ];
    expect(failedOutcomes(await syncSources(index, sources, { logger: silentLogger() }))).toEqual([]);
  };

  beforeAll(async () => {
    const dir = await tempDir();
    handbook = join(dir.path, "handbook");
    await mkdir(handbook);
    await mkdir(join(dir.path, "hr"));
    await writeFile(join(handbook, "leave.md"), "# Leave\n\nNew parents get 16 weeks of Paid Parental Leave (PPL), in up to two blocks.");
    await writeFile(join(handbook, "forms.md"), "# Forms\n\nPPL requests are signed in Docusign by your manager and HR.");
    await writeFile(join(dir.path, "hr", "reviews.md"), "# Reviews\n\nThe Salary Review Board (SRB) meets in March.");
    index = await openIndex(join(dir.path, "db"));
    await sync();
    cleanup = async () => {
      index.close();
      await dir.remove();
    };
  });
  afterAll(() => cleanup());

  it("finds a page that writes only the acronym for a question that spells it out", async () => {
    // forms.md shares no word with the question but the acronym.
    const hits = await searchIndex(index, "paid parental leave?", { k: 5 });
    expect(hits.map((hit) => hit.docId).sort()).toEqual(["forms.md", "leave.md"]);
  });

  it("uses only definitions in passages the asker's search may return", async () => {
    const table = (await index.table())!;
    const question = "when does the SRB meet?";
    expect(expandAcronyms(question, await readAcronyms(table, {}))).toBe("when does the SRB meet? Salary Review Board");
    expect(expandAcronyms(question, await readAcronyms(table, { collections: ["handbook"] }))).toBe(question);
  });

  it("uses only definitions in passages the asker may read", async () => {
    const table = (await index.table())!;
    expect((await readAcronyms(table, { readers: ["everyone"] })).get("srb")).toBe("Salary Review Board");
    expect((await readAcronyms(table, { readers: ["group:payroll"] })).size).toBe(0);
  });

  it("knows an acronym a sync has just added, through the table it read before", async () => {
    const table = (await index.table())!;
    expect((await readAcronyms(table, {})).has("wfh")).toBe(false);
    await writeFile(join(handbook, "remote.md"), "# Remote work\n\nWorking from home (WFH) needs your manager's approval.");
    await sync();
    expect((await readAcronyms(table, {})).get("wfh")).toBe("Working from home");
  });
});
