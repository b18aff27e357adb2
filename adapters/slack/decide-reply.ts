import { z } from "zod";
import { mentionsUser, readSlackText } from "./read-slack-text.ts";

/** The fields of `app_mention` and `message` events this adapter reads; Slack sends many more. */
const messageEventSchema = z.object({
  type: z.enum(["app_mention", "message"]),
  channel: z.string().min(1),
  ts: z.string().min(1),
  user: z.string().optional(),
  text: z.string().optional(),
  thread_ts: z.string().optional(),
  channel_type: z.string().optional(),
  subtype: z.string().optional(),
  bot_id: z.string().optional(),
  team: z.string().optional(),
});

/** A message that should get an answer, normalized for the rest of the adapter. */
export interface ReplyRequest {
  channel: string;
  /** Where the answer goes: the thread's root, or the message itself when it starts one. */
  threadTs: string;
  messageTs: string;
  user: string;
  /** For streaming outside DMs (`recipient_team_id`). */
  teamId: string | null;
  isDirect: boolean;
  /** The question as plain text, the bot's mention removed; may be empty ("@Docent" alone). */
  text: string;
  trigger: "mention" | "direct message" | "follow-up";
}

export type ReplyDecision = { reply: true; request: ReplyRequest } | { reply: false; reason: string };

export interface DecideReplyOptions {
  botUserId: string;
  botId: string | null;
  /** The workspace the event came from (the envelope's team_id), when the event itself does not say. */
  teamId: string | null;
  /** Whether the core has answered in this thread before. */
  /** Whether the bot answered in this thread before (`messageTs`: the follow-up being decided on). */
  knowsThread: (channel: string, threadTs: string, messageTs: string) => Promise<boolean>;
  threadFollowUps: boolean;
  followUpOptOut: string[];
}

/** Subtypes that are still a person writing a new message; every other subtype (edits, joins, bot posts…) is not. */
const PERSON_SUBTYPES = new Set(["thread_broadcast", "file_share"]);

/**
 * Whether a Slack event deserves an answer, and where. Mentions in channels, direct messages, and replies
 * in threads the bot already answered (unless follow-ups are switched off for that channel) are answered;
 * the bot's own messages, other bots, edits and other subtypes are not. Pure: no Slack, no core.
 */
export async function decideReply(event: unknown, options: DecideReplyOptions): Promise<ReplyDecision> {
  const parsed = messageEventSchema.safeParse(event);
  if (!parsed.success) return { reply: false, reason: "not a message event this adapter understands" };
  const e = parsed.data;
  if (e.subtype && !PERSON_SUBTYPES.has(e.subtype)) return { reply: false, reason: `message subtype ${e.subtype}` };
  if (e.bot_id || !e.user) return { reply: false, reason: "posted by a bot" };
  if (e.user === options.botUserId || (options.botId !== null && e.bot_id === options.botId)) return { reply: false, reason: "the bot's own message" };

  const threadTs = e.thread_ts ?? e.ts;
  const isDirect = e.channel_type === "im";
  const request = (trigger: ReplyRequest["trigger"]): ReplyDecision => ({
    reply: true,
    request: {
      channel: e.channel,
      threadTs,
      messageTs: e.ts,
      user: e.user!,
      teamId: e.team ?? options.teamId,
      isDirect,
      text: readSlackText(e.text ?? "", options.botUserId),
      trigger,
    },
  });

  if (e.type === "app_mention") return request("mention");
  if (isDirect) return request("direct message");
  const isReply = e.thread_ts !== undefined && e.thread_ts !== e.ts;
  if (!isReply) {
    return {
      reply: false,
      reason: mentionsUser(e.text ?? "", options.botUserId) ? "a mention, answered from its app_mention event" : "a channel message without a mention",
    };
  }
  if (!options.threadFollowUps) return { reply: false, reason: "thread follow-ups are switched off" };
  if (options.followUpOptOut.includes(e.channel)) return { reply: false, reason: "thread follow-ups are switched off in this channel" };
  if (!(await options.knowsThread(e.channel, threadTs, e.ts))) return { reply: false, reason: "a reply in a thread the bot has not answered" };
  return request("follow-up");
}
