import type { App, webApi } from "@slack/bolt";
import { z } from "zod";
import type { DocentCore } from "../../src/core/docent-core.ts";
import { NOTHING_TO_SAVE, notAVerifier, SAVE_FAILED, savedConfirmation } from "../../src/core/verified-answer-replies.ts";
import { answeredQuestion } from "../../src/core/answered-question.ts";
import type { Logger } from "../../src/logger.ts";
import { readSlackText } from "./read-slack-text.ts";
import { readThreadHistory } from "./read-thread-history.ts";
import { slackErrorCode } from "./slack-error-code.ts";

/** The message shortcut's callback id, as manifest.json declares it. */
export const SAVE_VERIFIED_CALLBACK_ID = "save_verified_answer";

export const NOT_A_VERIFIER = notAVerifier("Slack member ID");
export const NOT_IN_A_THREAD = "Use “Save as verified answer” on a person's reply in a thread where Docent answered a question.";
export const NOT_DOCENTS_THREAD = "Docent did not answer a question in this thread, so there is no question to attach this reply to.";
export const NOT_THE_BOT = "Pick a person's reply to save, not Docent's own answer.";

/** The parts of a `message_action` payload the shortcut needs (bolt-js MessageShortcut). */
const shortcutSchema = z.object({
  user: z.object({ id: z.string().min(1), name: z.string().optional(), username: z.string().optional() }),
  channel: z.object({ id: z.string().min(1) }),
  message: z
    .object({ ts: z.string(), thread_ts: z.string().optional(), text: z.string().optional(), user: z.string().optional(), bot_id: z.string().optional() })
    .passthrough(),
});

/**
 * "Save as verified answer" on a person's reply in a thread Docent answered: the thread's question (read
 * back with conversations.replies) and the reply become a verified answer, verified by whoever used the
 * shortcut, linked to the reply. Only the configured verifiers may; everyone else is told so, privately.
 */
export function registerVerifiedShortcut(
  app: App,
  options: {
    core: DocentCore;
    logger: Logger;
    bot: { botUserId: string; botId: string | null };
    /** Slack user ids allowed to save (the config file's `verified.slackUsers`). */
    verifiers: string[];
    historyClient: webApi.WebClient;
  },
): void {
  const { core, logger, bot } = options;
  const allowed = new Set(options.verifiers);

  app.shortcut({ callback_id: SAVE_VERIFIED_CALLBACK_ID, type: "message_action" }, async ({ ack, shortcut, client }) => {
    await ack();
    const parsed = shortcutSchema.safeParse(shortcut);
    if (!parsed.success) {
      logger.warn("ignored a verified-answer shortcut with an unexpected payload");
      return;
    }
    const { user, channel, message } = parsed.data;
    const tell = async (text: string): Promise<void> => {
      await client.chat
        .postEphemeral({ channel: channel.id, user: user.id, text, thread_ts: message.thread_ts })
        .catch((error: unknown) => logger.warn({ err: slackErrorCode(error) ?? (error as Error).message }, "could not answer the verified-answer shortcut"));
    };

    if (!allowed.has(user.id)) {
      logger.info({ user: user.id }, "refused a verified answer from someone who is not a verifier");
      return tell(NOT_A_VERIFIER);
    }
    if (!message.thread_ts || message.thread_ts === message.ts) return tell(NOT_IN_A_THREAD);
    if (message.user === bot.botUserId || (bot.botId !== null && message.bot_id === bot.botId)) return tell(NOT_THE_BOT);
    const answer = readSlackText(message.text ?? "", bot.botUserId);
    if (!answer) return tell(NOTHING_TO_SAVE);

    const turns = await readThreadHistory(options.historyClient, { channel: channel.id, threadTs: message.thread_ts, beforeTs: message.ts }, bot).catch(
      (error: unknown) => {
        logger.warn({ err: slackErrorCode(error) ?? (error as Error).message, channel: channel.id }, "could not read the thread for a verified answer");
        return undefined;
      },
    );
    if (turns === undefined) return tell(SAVE_FAILED);
    const question = turns ? answeredQuestion(turns) : null;
    if (!question) return tell(NOT_DOCENTS_THREAD);

    const link = await client.chat.getPermalink({ channel: channel.id, message_ts: message.ts }).then(
      (response) => (typeof response.permalink === "string" ? response.permalink : null),
      (error: unknown) => {
        logger.warn({ err: slackErrorCode(error) ?? (error as Error).message }, "could not get a link to the verified reply");
        return null;
      },
    );
    const name = (await realName(client, user.id, logger)) ?? user.name ?? user.username ?? user.id;
    try {
      await core.verified.save({ question, answer, verifiedBy: { name, platform: "slack", id: user.id }, link });
    } catch (error) {
      logger.error({ err: (error as Error).message }, "could not save a verified answer");
      return tell(SAVE_FAILED);
    }
    logger.info({ channel: channel.id }, "saved a verified answer from Slack");
    return tell(savedConfirmation(question, "this thread"));
  });
}

/** The verifier as colleagues know them ("Dana Reyes") rather than their handle; null when Slack won't say. */
async function realName(client: webApi.WebClient, user: string, logger: Logger): Promise<string | null> {
  try {
    const { user: person } = await client.users.info({ user });
    return person?.profile?.real_name?.trim() || person?.real_name?.trim() || null;
  } catch (error) {
    logger.warn({ err: slackErrorCode(error) ?? (error as Error).message }, "could not look up the verifier's name; using their Slack handle");
    return null;
  }
}
