import type { webApi } from "@slack/bolt";
import { z } from "zod";
import type { Turn } from "../../src/core/types.ts";
import { readSlackText } from "./read-slack-text.ts";

/** The fields of `conversations.replies` messages this reader uses. */
const repliesSchema = z.object({
  messages: z
    .array(z.object({ ts: z.string(), user: z.string().optional(), bot_id: z.string().optional(), text: z.string().optional() }).passthrough())
    .default([]),
});

/** Turns kept from a rebuilt thread, as many as the thread memory keeps. */
const MAX_TURNS = 10;
const MAX_MESSAGES = 50;

/**
 * A thread's conversation as Slack has it, for a follow-up that no replica remembers (Redis evicted it, or
 * Docent ran without shared state and restarted): the person's messages as questions, the bot's as answers.
 * Null when the bot never replied in the thread: then it is not Docent's conversation to join.
 */
export async function readThreadHistory(
  client: webApi.WebClient,
  target: { channel: string; threadTs: string; beforeTs: string },
  bot: { botUserId: string; botId: string | null },
): Promise<Turn[] | null> {
  const response = repliesSchema.parse(await client.conversations.replies({ channel: target.channel, ts: target.threadTs, limit: MAX_MESSAGES }));
  const earlier = response.messages.filter((message) => Number(message.ts) < Number(target.beforeTs));
  const isBot = (message: { user?: string; bot_id?: string }) => message.user === bot.botUserId || (bot.botId !== null && message.bot_id === bot.botId);
  if (!earlier.some(isBot)) return null;
  return earlier
    .map((message): Turn => ({ role: isBot(message) ? "assistant" : "user", text: readSlackText(message.text ?? "", bot.botUserId) }))
    .filter((turn) => turn.text)
    .slice(-MAX_TURNS);
}
