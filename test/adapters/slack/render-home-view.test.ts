import { describe, expect, it } from "vitest";
import { threadTitleFrom, MAX_THREAD_TITLE_CHARS } from "../../../adapters/slack/create-thread-titler.ts";
import { MAX_HOME_BLOCKS, MAX_SOURCES_SHOWN, renderHomeView, type HomeViewData } from "../../../adapters/slack/render-home-view.ts";
import type { SourceStatus } from "../../../src/retrieval/read-source-statuses.ts";

const NOW = Date.parse("2026-11-30T12:00:00Z");
const source = (name: string, fields: Partial<SourceStatus> = {}): SourceStatus => ({
  name,
  type: "folder",
  location: `/srv/${name}`,
  collection: "default",
  documents: 10,
  lastSync: { at: new Date(NOW - 2 * 3_600_000).toISOString(), ok: true },
  lastError: null,
  ...fields,
});
const data = (fields: Partial<HomeViewData> = {}): HomeViewData => ({
  botUserId: "U0BOT",
  sources: [source("handbook")],
  openCollections: null,
  syncIntervalMs: null,
  recentQuestions: [],
  now: NOW,
  ...fields,
});
const texts = (view: ReturnType<typeof renderHomeView>) =>
  (view.blocks as any[]).flatMap((b) => [b.text?.text, ...(b.elements ?? []).map((e: any) => e.text)]).filter(Boolean) as string[];

describe("renderHomeView", () => {
  it("stays within Block Kit's limits for a large knowledge base and long questions", () => {
    const sources = Array.from({ length: 150 }, (_, i) => source(`source-${i}`, { documents: 2 }));
    const long = `${"why ".repeat(1000)}?`;
    const view = renderHomeView(data({ sources, recentQuestions: Array.from({ length: 5 }, (_, i) => ({ question: `${i} ${long}`, at: NOW })) }));
    expect(view.blocks.length).toBeLessThanOrEqual(MAX_HOME_BLOCKS);
    for (const block of view.blocks as any[]) {
      if (block.type === "header") expect(block.text.text.length).toBeLessThanOrEqual(150);
      if (block.type === "section") expect(block.text.text.length).toBeLessThanOrEqual(3000);
      if (block.type === "context") expect(block.elements.length).toBeLessThanOrEqual(10);
    }
    expect(texts(view).filter((t) => t.startsWith("*source-"))).toHaveLength(MAX_SOURCES_SHOWN);
    expect(texts(view)).toContain(`…and ${150 - MAX_SOURCES_SHOWN} more sources with ${2 * (150 - MAX_SOURCES_SHOWN)} documents.`);
    const recent = texts(view).find((t) => t.startsWith("• 0 why"))!;
    expect(recent.split("\n")[0]!.replace(/ {2}_<!date.*$/, "")).toHaveLength(2 + 150);
  });

  it("says how fresh each source is: overdue, failed, never synced, only in some channels", () => {
    const view = renderHomeView(
      data({
        syncIntervalMs: 30 * 60_000,
        openCollections: ["default"],
        sources: [
          source("handbook"),
          source("hr", {
            collection: "hr",
            documents: 1,
            lastSync: { at: new Date(NOW - 60_000).toISOString(), ok: false },
            lastError: { at: new Date(NOW - 60_000).toISOString(), error: "ENOENT /srv/hr" },
          }),
          source("wiki", { documents: 0, lastSync: null }),
        ],
      }),
    );
    const [handbook, hr, wiki] = texts(view).filter((t) => /^\*(handbook|hr|wiki)\*/.test(t));
    expect(handbook).toBe(
      "*handbook*: 10 documents\nLast synced <!date^1796032800^{date_short_pretty} {time}|2026-11-30 10:00 UTC> (2 hours ago) :warning: overdue",
    );
    expect(hr).toBe(
      "*hr* _(only in some channels)_: 1 document\n:warning: The last sync, <!date^1796039940^{date_short_pretty} {time}|2026-11-30 11:59 UTC> (1 minute ago), failed: answers come from the version indexed before it.",
    );
    // The failure's details are for admins (`docent sources`), not for everyone's Home tab.
    expect(hr).not.toContain("ENOENT");
    expect(wiki).toBe("*wiki*: 0 documents\nNot synced yet.");
  });

  it("says so when the index or the answer store cannot be read, and makes a question's Slack markup inert", () => {
    const unreadable = texts(renderHomeView(data({ sources: null, recentQuestions: null }))).join("\n");
    expect(unreadable).toContain("The knowledge base cannot be read just now");
    expect(unreadable).toContain("Your questions cannot be read just now");
    const escaped = texts(renderHomeView(data({ recentQuestions: [{ question: "<!channel> what about <@U123>?", at: NOW }] }))).join("\n");
    expect(escaped).toContain("• &lt;!channel&gt; what about &lt;@U123&gt;?");
  });
});

describe("threadTitleFrom", () => {
  it("keeps a short question whole on one line, and has nothing to say for an empty one", () => {
    expect(threadTitleFrom(" where is\n the  wifi password? ")).toBe("where is the wifi password?");
    expect(threadTitleFrom(" \n ")).toBeNull();
    const exact = "x".repeat(MAX_THREAD_TITLE_CHARS);
    expect(threadTitleFrom(exact)).toBe(exact);
  });

  it("cuts a long question at a word, or mid-word when there is none, within the limit", () => {
    expect(threadTitleFrom("a".repeat(200))).toBe(`${"a".repeat(MAX_THREAD_TITLE_CHARS - 1)}…`);
    const title = threadTitleFrom("how do I book travel for a conference abroad, and who approves the budget for it?")!;
    expect(title).toBe("how do I book travel for a conference abroad, and who…");
    expect(title.length).toBeLessThanOrEqual(MAX_THREAD_TITLE_CHARS);
  });
});
