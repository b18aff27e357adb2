import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/logger.ts";
import { correctTypos } from "../../src/retrieval/correct-typos.ts";
import { openIndex, type KnowledgeIndex } from "../../src/retrieval/open-index.ts";
import { searchIndex } from "../../src/retrieval/search-index.ts";
import { failedOutcomes, syncSources } from "../../src/retrieval/sync-sources.ts";
import { tempDir } from "../helpers/corpus.ts";

const PAGES: Record<string, string> = {
  "passwords.md": "# Password policy\n\nPasswords must be 16 characters or longer. A password manager keeps them safe.",
  "expenses.md": "# Travel expenses\n\nSubmit receipts for a trip within 30 days. A lost receipt needs a signed statement instead.",
  "forms.md": "# Signing forms\n\nHR forms are signed in Docusign. Timesheet corrections go to your supervisor.",
  "summit.md": "# Summit\n\nThe annual summit is held each autumn in a different city.",
  "referrals.md": "# Referrals\n\nRefer a friend through the form. A referral bonus is paid when the person you referred is hired.",
  "style.md": "# Style\n\nBolded text marks a term the glossary defines. Savings bonds are explained elsewhere.",
  "leave.md": "# Leave\n\nPregnancy leave lasts 16 weeks. A leave of absence needs your manager's approval.",
  "pay.md": "# Pay\n\nSalaries are paid on pay day, the 28th of each month. The web team keeps the intranet site up to date.",
};

describe("questions with typos", () => {
  let index: KnowledgeIndex;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const dir = await tempDir();
    const folder = join(dir.path, "kb");
    await mkdir(folder);
    for (const [name, text] of Object.entries(PAGES)) await writeFile(join(folder, name), text);
    const finance = join(dir.path, "finance");
    await mkdir(finance);
    await writeFile(join(finance, "accrual.md"), "# Accrual\n\nVacation accrues monthly.");
    index = await openIndex(join(dir.path, "db"));
    const sources = [
      { name: "kb", type: "folder" as const, path: folder, collection: "default", prettyUrls: false },
      { name: "finance", type: "folder" as const, path: finance, collection: "finance", prettyUrls: false },
    ];
    expect(failedOutcomes(await syncSources(index, sources, { logger: silentLogger() }))).toEqual([]);
    cleanup = async () => {
      index.close();
      await dir.remove();
    };
  });
  afterAll(() => cleanup());

  it("reads a word that is neither English nor in the index as the English words it most likely stands for", async () => {
    const table = (await index.table())!;
    expect(await correctTypos(table, "How long do my paswsords need to be?", null)).toEqual({ text: "How long do my passwords need to be?", unmatched: [] });
    expect((await correctTypos(table, "lost the reecipt for a cab", null)).text).toBe("lost the receipt for a cab");
  });

  it("corrects a typo the index only seems to have because its stem is another English word's", async () => {
    const table = (await index.table())!;
    // Stemmed, "referal" is "refer", which the index has from "Refer" and "referred": "referral" was meant.
    expect(await correctTypos(table, "do I get a referal bonus?", null)).toEqual({ text: "do I get a referal referral bonus?", unmatched: [] });
    // "Bolded" is the page's own word, found as "bold": it stays as it is. "Bonded", indexed as "bond", is no
    // slip of the finger away ("l" and "n" are neither neighbours on a keyboard nor alike in sound).
    expect(await correctTypos(table, "what does bolded text mean?", null)).toEqual({ text: "what does bolded text mean?", unmatched: [] });
  });

  it("leaves alone words the index has, English words it lacks, and words of four letters or fewer", async () => {
    const table = (await index.table())!;
    // "Docusign" and "timesheet" are no English words, but the index has them: they are what the company calls things.
    for (const text of ["where is the Docusign timesheet form?", "can I wear a hoodie in summer?", "is the tirp on?"]) {
      expect(await correctTypos(table, text, null)).toEqual({ text, unmatched: [] });
    }
  });

  it("searches an English word the index lacks with its related forms that the index has", async () => {
    const table = (await index.table())!;
    // One of "pregnance" and "pregnancy": the index stems both alike.
    expect((await correctTypos(table, "I'm pregnant, what leave do I get?", null)).text).toMatch(/^I'm pregnant pregnan(ce|cy), what leave do I get\?$/);
    expect((await correctTypos(table, "I'll be absent for a month", null)).text).toBe("I'll be absent absence for a month");
    // "Currency" is in no passage: "current" stays as it is.
    expect((await correctTypos(table, "what is the current policy?", null)).text).toBe("what is the current policy?");
  });

  it("leaves a word typed as one, where the pages write it as two, to splitCompounds", async () => {
    const table = (await index.table())!;
    expect((await correctTypos(table, "when is payday?", null)).text).toBe("when is payday?");
  });

  it("lists a mistyped name with no English word near it in the index", async () => {
    const table = (await index.table())!;
    expect(await correctTypos(table, "how do I sign in Docusgin?", null)).toEqual({ text: "how do I sign in Docusgin?", unmatched: ["docusgin"] });
    // "dousing" is one edit away, but the index does not have it.
    expect((await correctTypos(table, "how do I sign in Dcousign?", null)).unmatched).toEqual(["dcousign"]);
  });

  it("takes a capitalised word after a sentence's first for a name, never a typo of an English word", async () => {
    const table = (await index.table())!;
    // "Summit" is one edit from "Summity"; but a name the index lacks is left as typed, for fuzzy matching.
    expect(await correctTypos(table, "moving to Summity next year, who do I tell?", null)).toEqual({
      text: "moving to Summity next year, who do I tell?",
      unmatched: ["summity"],
    });
    // At the start of a sentence a capital says nothing: the word is corrected as any other.
    expect((await correctTypos(table, "Summity is where I lost the reecipt", null)).text).toBe("summit is where I lost the receipt");
  });

  it("takes a word longer than any English word (a pasted token) for no typo, and still searches", async () => {
    const token = `${"abcdefghij".repeat(30)}`;
    const table = (await index.table())!;
    expect(await correctTypos(table, `is ${token} a receipt?`, null)).toEqual({ text: `is ${token} a receipt?`, unmatched: [] });
    expect((await searchIndex(index, `is ${token} a receipt?`, { k: 1 }))[0]?.docId).toBe("expenses.md");
  });

  it("leaves a contraction typed without its apostrophe alone", async () => {
    const table = (await index.table())!;
    for (const text of ["thats the form, isnt it?", "the summit doesnt pay for receipts"])
      expect(await correctTypos(table, text, null)).toEqual({ text, unmatched: [] });
  });

  it("corrects only to words of passages the asker's search may return", async () => {
    const table = (await index.table())!;
    // "vacation" is in the index, but only in the finance collection.
    expect((await correctTypos(table, "vacaton days?", null)).text).toBe("vacation days?");
    expect(await correctTypos(table, "vacaton days?", "collection IN ('default')")).toEqual({ text: "vacaton days?", unmatched: ["vacaton"] });
  });

  it("finds the page a typo-free question finds, and a mistyped name by the index's own spelling", async () => {
    const top = async (question: string) => (await searchIndex(index, question, { k: 1 }))[0]?.docId;
    expect(await top("how long do my passwords need to be?")).toBe("passwords.md");
    expect(await top("how long do my paswsords need to be?")).toBe("passwords.md");
    expect(await top("lost the reecipt for a cab ride")).toBe("expenses.md");
    expect(await top("anyone know Docusgin?")).toBe("forms.md");
  });
});
