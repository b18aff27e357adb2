import { Activity } from "@microsoft/agents-activity";
import type { OwnerDelivery, OwnerNotice } from "../../src/core/route-to-owners.ts";
import type { ConversationsApi } from "./create-conversation-sender.ts";

/**
 * Tells a document's owner in Teams about a disliked answer: a proactive message into the owner's channel
 * conversation (`POST {serviceUrl}/v3/conversations/{owner}/activities`), through the feedback turn's
 * connector client, whose serviceUrl is the one Teams gave with the feedback. The link is a Teams deep
 * link to the answer when it sits in a channel or group chat (`19:…`); a bot's personal chat has none.
 */
export function createTeamsOwnerDelivery(conversations: ConversationsApi, feedback: Activity): OwnerDelivery {
  return {
    platform: "teams",
    async send(target, notice) {
      const outgoing = Activity.fromObject({
        type: "message",
        text: renderTeamsOwnerNotice(notice),
        textFormat: "markdown",
        channelId: feedback.channelId,
        serviceUrl: feedback.serviceUrl,
        from: feedback.recipient,
        conversation: { id: target, isGroup: true, conversationType: "channel" },
      });
      await conversations.sendToConversation(target, outgoing);
    },
    link: async () => teamsMessageLink(feedback),
  };
}

/** A deep link to the message the feedback was given on, or null where Teams has none to offer. */
export function teamsMessageLink(feedback: Activity): string | null {
  const conversationId = feedback.conversation?.id;
  const messageId = feedback.replyToId;
  if (!conversationId?.startsWith("19:") || !messageId) return null;
  const [chat, ...rest] = conversationId.split(";");
  const parent = rest.find((part) => part.startsWith("messageid="))?.slice("messageid=".length);
  const query = new URLSearchParams();
  const tenantId = feedback.conversation?.tenantId;
  if (tenantId) query.set("tenantId", tenantId);
  if (parent) query.set("parentMessageId", parent);
  else if (feedback.conversation?.conversationType !== "channel") query.set("context", JSON.stringify({ contextType: "chat" }));
  const search = query.toString();
  return `https://teams.microsoft.com/l/message/${encodeURIComponent(chat!)}/${encodeURIComponent(messageId)}${search ? `?${search}` : ""}`;
}

/** The notice as Teams Markdown; the asker's words are quoted, not interpreted. */
export function renderTeamsOwnerNotice(notice: OwnerNotice): string {
  const plain = (text: string) => text.replace(/[\\`*_[\]<>#|]/g, (c) => `\\${c}`);
  const lines = [
    `👎 An answer citing ${notice.docIds.length === 1 ? "a document" : "documents"} you own was marked unhelpful.`,
    `**Question:** ${plain(notice.question)}`,
    `**Answer:** ${plain(notice.answer)}`,
    `**Reason:** ${plain(notice.reason)}`,
    `**Documents:** ${notice.docIds.map(plain).join(", ")}`,
  ];
  if (notice.link) lines.push(`[View the answer in Teams](${notice.link})`);
  return lines.join("\n\n");
}
