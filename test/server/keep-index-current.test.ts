import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWebAdapter } from "../../adapters/web/create-web-adapter.ts";
import type { Question } from "../../src/core/types.ts";
import { tempDir } from "../helpers/corpus.ts";
import { startTestDocent } from "../helpers/start-test-docent.ts";

const ask = (text: string): Question => ({ platform: "web", user: "u", conversation: "c", thread: `t-${Math.random()}`, text, history: [] });

describe("keeping the index current while serving", () => {
  let docs: string;
  let cleanupDocs: () => Promise<void>;
  beforeAll(async () => {
    const dir = await tempDir();
    cleanupDocs = dir.remove;
    docs = join(dir.path, "docs");
    await mkdir(docs);
    await writeFile(
      join(docs, "expenses.md"),
      "---\ntitle: Expenses\n---\n\n## Receipts\n\nKeep receipts for every expense over 75 dollars and upload them within 10 days.\n",
    );
    await writeFile(join(docs, "laptops.md"), "---\ntitle: Laptops\n---\n\n## Replacement\n\nLaptops are replaced every three years by the IT help desk.\n");
  });
  afterAll(() => cleanupDocs());

  const start = (env: Record<string, string>) =>
    startTestDocent({
      adapters: [createWebAdapter],
      env,
      configure: (config) => (config.sources = [{ name: "docs", type: "folder", path: docs, collection: "default", prettyUrls: false }]),
    });

  it("answers a changed fact after the next scheduled sync, and no question fails during the sync", async () => {
    const { docent, stop } = await start({ DOCENT_SYNC_INTERVAL: "300ms" });
    try {
      expect((await docent.core.ask(ask("How often are laptops replaced?"))).text).toMatch(/three years/);
      await writeFile(join(docs, "laptops.md"), "---\ntitle: Laptops\n---\n\n## Replacement\n\nLaptops are replaced every four years by the IT help desk.\n");

      const answers: string[] = [];
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline) {
        const answer = await docent.core.ask(ask("How often are laptops replaced?"));
        answers.push(answer.text);
        if (/four years/.test(answer.text)) break;
      }
      expect(answers.at(-1)).toMatch(/four years/);
      // Every question asked while the sync ran got a real answer, from the old version or the new one.
      expect(answers.every((text) => /(three|four) years.*\[1\]/.test(text))).toBe(true);
      const status = await docent.indexStatus();
      expect(status.lastSync).toMatchObject({ ok: true });
    } finally {
      await stop();
    }
  });

  it("re-syncs a watched folder soon after a file changes", async () => {
    const { docent, stop } = await start({ DOCENT_WATCH: "true" });
    try {
      await writeFile(
        join(docs, "parking.md"),
        "---\ntitle: Parking\n---\n\n## Garage\n\nThe office garage opens at 6 am; spots are first come, first served.\n",
      );
      const deadline = Date.now() + 10_000;
      let text = "";
      while (Date.now() < deadline && !/6 am/.test(text)) {
        text = (await docent.core.ask(ask("When does the office garage open?"))).text;
        if (!/6 am/.test(text)) await new Promise((r) => setTimeout(r, 200));
      }
      expect(text).toMatch(/6 am.*\[1\]/);
    } finally {
      await stop();
    }
  });

  it("reports a failed sync in the health check while the previous version keeps serving", async () => {
    const dir = await tempDir();
    const movable = join(dir.path, "kb");
    await mkdir(movable);
    await writeFile(
      join(movable, "wifi.md"),
      "---\ntitle: Wi-Fi\n---\n\n## Guest network\n\nThe guest Wi-Fi password changes every Monday at the front desk.\n",
    );
    const { docent, stop } = await startTestDocent({
      adapters: [createWebAdapter],
      configure: (config) => (config.sources = [{ name: "kb", type: "folder", path: movable, collection: "default", prettyUrls: false }]),
    });
    try {
      expect((await (await fetch(`${docent.url}/healthz`)).json()).status).toBe("ok");
      await dir.remove();
      await docent.sync().catch(() => undefined);
      const health = await (await fetch(`${docent.url}/healthz`)).json();
      expect(health).toMatchObject({ ready: true, status: "degraded", reason: expect.stringMatching(/kb: .*does not exist/) });
      expect((await docent.core.ask(ask("When does the guest Wi-Fi password change?"))).text).toMatch(/every Monday.*\[1\]/);
    } finally {
      await stop();
    }
  });
});
