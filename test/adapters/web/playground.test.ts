import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWebAdapter } from "../../../adapters/web/create-web-adapter.ts";
import type { DocentServer } from "../../../src/server/start-docent.ts";
import { launchTestBrowser } from "../../helpers/launch-test-browser.ts";
import { startTestDocent } from "../../helpers/start-test-docent.ts";

const SCREENSHOTS = resolve(import.meta.dirname, "../../screenshots");

describe("the playground in a real browser (Debian's chromium if installed, else the one from npm)", () => {
  let docent: DocentServer;
  let stop: () => Promise<void>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ docent, stop } = await startTestDocent({ adapters: [createWebAdapter] }));
    browser = await launchTestBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await mkdir(SCREENSHOTS, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await stop?.();
  });

  const ask = async (question: string) => {
    const answers = page.locator("li.message.bot");
    const before = await answers.count();
    await page.getByLabel("Your question").fill(question);
    await page.keyboard.press("Enter");
    const answer = answers.nth(before);
    await answer.locator(".feedback:not([hidden])").waitFor({ timeout: 15_000 });
    return answer;
  };

  it("answers a question with a citation linking to the right document, then takes a thumbs-down with a comment", async () => {
    await page.goto(docent.url);
    expect(await page.getByRole("heading", { name: "Ask your company's knowledge base" }).isVisible()).toBe(true);
    const answer = await ask("How many weeks of parental leave does the primary caregiver get?");
    const reason = answer.getByLabel(/What was wrong/);
    expect(await reason.isVisible()).toBe(false);

    const marker = answer.locator("a.cite").first();
    expect(await marker.textContent()).toBe("[1]");
    const source = answer.locator(".sources li").first();
    const link = source.locator("a");
    expect(await link.getAttribute("href")).toBe("https://kb.example.com/hr/parental-leave.md");
    // The marker jumps to the source it stands for.
    expect(await marker.getAttribute("href")).toBe(`#${await source.getAttribute("id")}`);
    await page.screenshot({ path: resolve(SCREENSHOTS, "playground-answer.png"), fullPage: true });

    await answer.getByRole("button", { name: "Bad answer" }).click();
    await reason.waitFor({ state: "visible" });
    await reason.fill("Missing the adoption rules");
    await answer.getByRole("button", { name: "Send" }).click();
    await answer.getByText("Thanks, your comment was sent.").waitFor();
    await reason.waitFor({ state: "hidden" });

    const report = await docent.core.feedback.report();
    expect(report.items[0]).toMatchObject({
      platform: "web",
      rating: "down",
      comment: "Missing the adoption rules",
      question: "How many weeks of parental leave does the primary caregiver get?",
    });
  });

  it("keeps the thread for a follow-up question, and asks no reason for a thumbs-up", async () => {
    const answer = await ask("and what about the secondary caregiver?");
    const text = await answer.locator(".text").textContent();
    expect(text).toMatch(/\[1\]/);
    expect(await answer.locator(".sources a").first().getAttribute("href")).toBe("https://kb.example.com/hr/parental-leave.md");

    await answer.getByRole("button", { name: "Good answer" }).click();
    await answer.getByText("Thanks for the feedback.").waitFor();
    expect(await answer.getByLabel(/What was wrong/).isVisible()).toBe(false);
    // The earlier answer's form, sent already, stays closed.
    expect(
      await page
        .getByLabel(/What was wrong/)
        .filter({ visible: true })
        .count(),
    ).toBe(0);
  });

  it("shows the thumbs-down, its question and sources in the admin view", async () => {
    await page.getByRole("tab", { name: "Admin" }).click();
    const row = page.locator("#downvotes tbody tr").first();
    await row.waitFor();
    expect(await row.textContent()).toMatch(/parental leave.*Missing the adoption rules.*hr\/parental-leave\.md/s);
    expect(await page.locator("#index-status").textContent()).toMatch(/Documents\s*\d+/);
    await page.screenshot({ path: resolve(SCREENSHOTS, "playground-admin.png"), fullPage: true });
  });

  it("shows a declined question as a gap, answers it with a verified answer the next question cites, and retires it", async () => {
    await page.getByRole("tab", { name: "Chat" }).click();
    const declined = await ask("Can I bring my dog to the office?");
    expect(await declined.locator(".text").textContent()).toMatch(/couldn't find/i);

    await page.getByRole("tab", { name: "Admin" }).click();
    const gap = page.locator("#gaps tbody tr", { hasText: "Can I bring my dog to the office?" });
    await gap.waitFor();
    await gap.getByRole("button", { name: "Answer it" }).click();
    const form = page.locator("#verified-form");
    expect(await form.getByLabel("Question").inputValue()).toBe("Can I bring my dog to the office?");
    await form.getByLabel("Answer").fill("Dogs are welcome on Fridays, on a leash, once the office manager has their vaccination record.");
    await form.getByLabel("Verified by").fill("Dana Reyes");
    await form.getByLabel(/^Link/).fill("https://chat.example.com/threads/dogs");
    await form.getByRole("button", { name: "Save verified answer" }).click();
    await page.getByText("Saved: Docent answers this question from it now.").waitFor();
    const row = page.locator("#verified tbody tr").first();
    expect(await row.textContent()).toMatch(/Can I bring my dog to the office\?.*vaccination record.*Dana Reyes, \d{4}-\d\d-\d\d/s);
    await page.getByRole("tab", { name: "Chat" }).click();
    await page.getByRole("tab", { name: "Admin" }).click();
    await page.locator("#gaps tbody tr", { hasText: "possibly resolved (verified answer saved)" }).waitFor();
    await page.screenshot({ path: resolve(SCREENSHOTS, "playground-admin-verified.png"), fullPage: true });

    await page.getByRole("tab", { name: "Chat" }).click();
    const answer = await ask("May I bring my dog along to the office?");
    const source = answer.locator(".sources a").first();
    expect(await source.textContent()).toMatch(/^Verified by Dana Reyes, \d{4}-\d\d-\d\d$/);
    expect(await source.getAttribute("href")).toBe("https://chat.example.com/threads/dogs");

    await page.getByRole("tab", { name: "Admin" }).click();
    page.once("dialog", (dialog) => void dialog.accept());
    await page.locator("#verified tbody tr").first().getByRole("button", { name: "Retire" }).click();
    await page.getByText("Retired: answers no longer cite it.").waitFor();
    await page
      .locator("#verified")
      .getByText(/No verified answers yet/)
      .waitFor();
    expect(await docent.core.verified.list({ includeRetired: true })).toEqual([expect.objectContaining({ retired: true })]);
  });

  it("re-syncs the sources from the admin view with visible progress", async () => {
    await page.getByRole("button", { name: "Re-sync sources" }).click();
    await page.getByText(/Done: 0 added, 0 updated, 0 deleted, \d+ unchanged\./).waitFor();
  });

  it("fits a phone screen", async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    await phone.goto(docent.url);
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: resolve(SCREENSHOTS, "playground-phone.png") });
    await phone.close();
  });
});
