import type { types } from "@slack/bolt";
import type { RecentQuestion } from "../../src/feedback/recent-questions.ts";
import type { SourceStatus } from "../../src/retrieval/read-source-statuses.ts";
import { escapeMrkdwn } from "./escape-mrkdwn.ts";
import { MAX_SECTION_CHARS, type SlackBlock } from "./render-answer-blocks.ts";

/** Block Kit's limits for a Home tab (PLATFORMS.md and Slack's view reference). */
export const MAX_HOME_BLOCKS = 100;
const MAX_HEADER_CHARS = 150;
/** Sources listed one by one; a larger knowledge base gets a count for the rest, staying far below 100 blocks. */
export const MAX_SOURCES_SHOWN = 20;
const MAX_QUESTION_CHARS = 150;

export interface HomeViewData {
  /** The bot's user id, to show how a mention looks. */
  botUserId: string;
  /** Null when the index could not be read just now. */
  sources: SourceStatus[] | null;
  /** Collections every conversation may read (the `default` scope), null when all are open. */
  openCollections: string[] | null;
  /** The scheduled re-sync, when one is configured: a last sync much older than this is overdue. */
  syncIntervalMs: number | null;
  /** Null when the answer store could not be read just now. */
  recentQuestions: RecentQuestion[] | null;
  now: number;
}

/**
 * The App Home tab for one person: what Docent answers from (each source with its documents and how
 * fresh its last sync is), how to ask, that answers cite their sources and take feedback, and the
 * person's own latest questions. Pure, and within Block Kit's limits whatever the data.
 */
export function renderHomeView(data: HomeViewData): types.HomeView {
  const blocks: SlackBlock[] = [
    header("Docent"),
    section("I answer your questions from the company's own documents, with a numbered source for every claim."),
    header("What I answer from"),
    ...sourceBlocks(data),
    { type: "divider" },
    header("How to ask"),
    section(
      [
        `• *In a channel:* mention <@${data.botUserId}> with your question. I answer in the thread, and you can follow up there without mentioning me again.`,
        "• *Directly:* write to me in my Messages tab. Each question starts its own conversation, titled after it.",
        "• *In the agent pane:* open Docent from Slack's agent entry point and ask next to whatever you are reading.",
      ].join("\n"),
    ),
    section(
      "*Every answer cites its sources:* the numbers in an answer link to the documents it comes from, with how recently each was updated. When the documents don't cover a question I say so and list the closest sources instead of guessing. The :+1: and :-1: buttons under an answer tell the people who maintain the documents what works and what to fix.",
    ),
    { type: "divider" },
    header("Your recent questions"),
    ...recentBlocks(data.recentQuestions),
    { type: "context", elements: [{ type: "mrkdwn", text: `Updated ${slackDate(data.now)}` }] },
  ];
  return { type: "home", blocks: blocks.slice(0, MAX_HOME_BLOCKS) };
}

function sourceBlocks(data: HomeViewData): SlackBlock[] {
  if (data.sources === null) return [section("_The knowledge base cannot be read just now; answers resume as soon as it can._")];
  if (data.sources.length === 0) return [section("_No sources are configured yet._")];
  const shown = data.sources.slice(0, MAX_SOURCES_SHOWN).map((source) => section(describeSource(source, data)));
  const hidden = data.sources.slice(MAX_SOURCES_SHOWN);
  if (hidden.length) {
    const documents = hidden.reduce((sum, source) => sum + source.documents, 0);
    shown.push({
      type: "context",
      elements: [{ type: "mrkdwn", text: `…and ${hidden.length} more ${hidden.length === 1 ? "source" : "sources"} with ${count(documents, "document")}.` }],
    });
  }
  return shown;
}

function describeSource(source: SourceStatus, data: HomeViewData): string {
  const restricted = data.openCollections !== null && !data.openCollections.includes(source.collection);
  const name = `*${escapeMrkdwn(source.name)}*${restricted ? " _(only in some channels)_" : ""}`;
  const lines = [`${name}: ${count(source.documents, "document")}`];
  if (!source.lastSync) lines.push("Not synced yet.");
  else {
    const at = Date.parse(source.lastSync.at);
    const age = data.now - at;
    const overdue = data.syncIntervalMs !== null && age > 2 * data.syncIntervalMs + 5 * 60_000;
    if (source.lastSync.ok) lines.push(`Last synced ${slackDate(at)} (${describeSince(age)})${overdue ? " :warning: overdue" : ""}`);
    else lines.push(`:warning: The last sync, ${slackDate(at)} (${describeSince(age)}), failed: answers come from the version indexed before it.`);
  }
  return lines.join("\n");
}

function recentBlocks(recent: RecentQuestion[] | null): SlackBlock[] {
  if (recent === null) return [section("_Your questions cannot be read just now._")];
  if (recent.length === 0) return [section("Nothing yet. Ask me about a policy, a benefit or how something is done here.")];
  const lines = recent.map((q) => `• ${escapeMrkdwn(shorten(q.question.replace(/\s+/g, " "), MAX_QUESTION_CHARS))}  _${slackDate(q.at)}_`);
  return [section(lines.join("\n"))];
}

function header(text: string): SlackBlock {
  return { type: "header", text: { type: "plain_text", text: shorten(text, MAX_HEADER_CHARS), emoji: true } };
}

function section(text: string): SlackBlock {
  return { type: "section", text: { type: "mrkdwn", text: shorten(text, MAX_SECTION_CHARS) } };
}

/** Slack shows a date token in each reader's own time zone; the text after `|` is the fallback. */
function slackDate(at: number): string {
  const seconds = Math.floor(at / 1000);
  return `<!date^${seconds}^{date_short_pretty} {time}|${new Date(seconds * 1000).toISOString().slice(0, 16).replace("T", " ")} UTC>`;
}

/** "just now", "12 minutes ago", "3 hours ago", "2 days ago". */
function describeSince(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${count(minutes, "minute")} ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${count(hours, "hour")} ago`;
  return `${count(Math.floor(hours / 24), "day")} ago`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
