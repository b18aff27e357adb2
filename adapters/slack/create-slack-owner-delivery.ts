import type { WebClient } from "@slack/web-api";
import type { OwnerDelivery, OwnerNotice } from "../../src/core/route-to-owners.ts";
import { escapeLinkUrl, escapeMrkdwn } from "./escape-mrkdwn.ts";

/**
 * Tells a document's owner in Slack about a disliked answer: `chat.postMessage` to a user id opens the bot's
 * DM with them, to a channel id posts there. The link is the answer's permalink (`chat.getPermalink`) when
 * the feedback said where the answer is.
 */
export function createSlackOwnerDelivery(client: WebClient, answerMessage: { channel?: string; ts?: string }): OwnerDelivery {
  const { channel, ts } = answerMessage;
  return {
    platform: "slack",
    async send(target, notice) {
      await client.chat.postMessage({ channel: target, text: renderOwnerNotice(notice), unfurl_links: false, unfurl_media: false });
    },
    link:
      channel && ts
        ? async () => {
            const result = await client.chat.getPermalink({ channel, message_ts: ts });
            return typeof result.permalink === "string" ? result.permalink : null;
          }
        : undefined,
  };
}

/** The notice as Slack mrkdwn; everything the asker or the documents wrote is escaped. */
export function renderOwnerNotice(notice: OwnerNotice): string {
  const lines = [
    `:thumbsdown: An answer citing ${notice.docIds.length === 1 ? "a document" : "documents"} you own was marked unhelpful.`,
    `*Question:* ${escapeMrkdwn(notice.question)}`,
    `*Answer:* ${escapeMrkdwn(notice.answer)}`,
    `*Reason:* ${escapeMrkdwn(notice.reason)}`,
    `*Documents:* ${notice.docIds.map((docId) => escapeMrkdwn(docId)).join(", ")}`,
  ];
  if (notice.link) lines.push(`<${escapeLinkUrl(notice.link)}|View the answer in Slack>`);
  return lines.join("\n");
}
