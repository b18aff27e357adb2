import type { types } from "@slack/bolt";
import { describeAge } from "../../src/core/describe-age.ts";
import type { Answer, Citation } from "../../src/core/types.ts";
import { escapeLinkUrl, escapeMrkdwn } from "./escape-mrkdwn.ts";
import { markdownToMrkdwn } from "./markdown-to-mrkdwn.ts";

export type SlackBlock = types.KnownBlock;

/** A message as chat.postMessage / chat.update take it: blocks plus the fallback text notifications show. */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

/** Block Kit's limits (PLATFORMS.md): a section's text, blocks per message, and a sane fallback length. */
export const MAX_SECTION_CHARS = 3000;
export const MAX_BLOCKS = 50;
const MAX_FALLBACK_CHARS = 3000;

export const FEEDBACK_ACTION_ID = "docent_feedback";
export const NOT_GROUNDED_NOTE = ":warning: Some statements could not be verified against the sources. Please check them before relying on this answer.";

export interface RenderOptions {
  /** For "updated N days ago"; injectable so tests are stable. */
  now?: number;
  /**
   * False when the answer text already reached the message through streaming: only what follows it
   * (sources, the grounding note, feedback buttons) is rendered, as `chat.stopStream` appends blocks.
   */
  withText?: boolean;
}

/**
 * An answer as Slack shows it: the text with its `[n]` markers, one link per cited source, a note when
 * not every statement is grounded, and feedback buttons carrying the answer id. Pure, and always
 * within Block Kit's limits: long answers are split over several sections, never cut by Slack.
 */
export function renderAnswerBlocks(answer: Answer, options: RenderOptions = {}): SlackMessage {
  const now = options.now ?? Date.now();
  const tail: SlackBlock[] = [];
  if (answer.citations.length > 0) {
    const heading = answer.mode === "no-answer" ? "*Closest sources*" : "*Sources*";
    tail.push(...sections([heading, ...answer.citations.map((c) => sourceLine(c, now))].join("\n")));
  }
  if (!answer.grounded && answer.mode !== "no-answer") {
    tail.push({ type: "context", elements: [{ type: "mrkdwn", text: NOT_GROUNDED_NOTE }] });
  }
  tail.push(feedbackBlock(answer.id));

  const text = markdownToMrkdwn(answer.text);
  const fallback = truncate(text || "Docent's answer", MAX_FALLBACK_CHARS);
  if (options.withText === false) return { text: fallback, blocks: tail };

  const room = MAX_BLOCKS - tail.length;
  let body = sections(text);
  if (body.length > room) {
    // Only a pathological answer gets here (some 140,000 characters); say it was shortened rather than fail.
    body = [...body.slice(0, room - 1), section(`${truncate(bodyText(body[room - 1]!), MAX_SECTION_CHARS - 40)}\n_(answer shortened)_`)];
  }
  return { text: fallback, blocks: [...body, ...tail] };
}

/** One line per source: `<url|[n] title>` (the title alone without a URL), its heading and its age. */
export function sourceLine(citation: Citation, now: number): string {
  const label = `[${citation.n}] ${escapeMrkdwn(oneLine(citation.title))}`;
  const parts = [citation.url ? `<${escapeLinkUrl(citation.url)}|${label}>` : label];
  if (citation.heading && citation.heading !== citation.title) parts.push(escapeMrkdwn(oneLine(citation.heading)));
  const age = describeAge(citation.updatedAt, now);
  if (age) parts.push(age);
  return parts.join(" · ");
}

/** The thumbs up/down pair; each value is `<answerId>:up|down`, so a click finds its answer. */
export function feedbackBlock(answerId: string): SlackBlock {
  return {
    type: "context_actions",
    elements: [
      {
        type: "feedback_buttons",
        action_id: FEEDBACK_ACTION_ID,
        positive_button: { text: { type: "plain_text", text: "Helpful" }, accessibility_label: "Mark this answer as helpful", value: `${answerId}:up` },
        negative_button: {
          text: { type: "plain_text", text: "Not helpful" },
          accessibility_label: "Mark this answer as not helpful",
          value: `${answerId}:down`,
        },
      },
    ],
  };
}

/** Splits mrkdwn into section blocks of at most 3000 characters, at paragraph, line or word boundaries. */
export function sections(mrkdwn: string): SlackBlock[] {
  return splitText(mrkdwn, MAX_SECTION_CHARS).map(section);
}

function section(text: string): SlackBlock {
  return { type: "section", text: { type: "mrkdwn", text } };
}

function bodyText(block: SlackBlock): string {
  return block.type === "section" && block.text ? block.text.text : "";
}

export function splitText(text: string, limit: number): string[] {
  const chunks: string[] = [];
  let rest = text.trim();
  while (rest.length > limit) {
    const window = rest.slice(0, limit);
    // Prefer a paragraph break, then a line break, then a space; never split an escape like `&amp;`.
    let cut = Math.max(window.lastIndexOf("\n\n"), 0);
    if (cut < limit / 2) cut = Math.max(cut, window.lastIndexOf("\n"));
    if (cut < limit / 2) cut = Math.max(cut, window.lastIndexOf(" "));
    if (cut < limit / 2) {
      cut = limit;
      const amp = window.lastIndexOf("&");
      if (amp > limit - 6 && !window.slice(amp).includes(";")) cut = amp;
    }
    chunks.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) chunks.push(rest);
  return chunks;
}

function truncate(text: string, limit: number): string {
  if (text.length <= limit) return text;
  let cut = text.slice(0, limit - 1);
  const amp = cut.lastIndexOf("&");
  if (amp > cut.length - 6 && !cut.slice(amp).includes(";")) cut = cut.slice(0, amp);
  return `${cut}…`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
