import type { webApi } from "@slack/bolt";
import type { DocentCore } from "../../src/core/docent-core.ts";
import type { Answer } from "../../src/core/types.ts";
import type { Logger } from "../../src/logger.ts";
import { createThreadReply, type SlackFeatures } from "./create-thread-reply.ts";
import type { ReplyRequest } from "./decide-reply.ts";
import { escapeMrkdwn } from "./escape-mrkdwn.ts";
import { renderAnswerBlocks, type SlackMessage } from "./render-answer-blocks.ts";

export const APOLOGY = "Sorry, I couldn't answer that just now. Please try again in a minute; if it keeps happening, tell your Docent admin.";
export const EMPTY_QUESTION_HINT = "Hi! Ask me a question about the company's policies and documents, and I'll answer with links to the sources.";

export interface QuestionAnswererOptions {
  core: DocentCore;
  logger: Logger;
  features: SlackFeatures;
  now?: () => number;
}

export type QuestionAnswerer = (client: webApi.WebClient, request: ReplyRequest) => Promise<void>;

/**
 * Answers one question in its thread: a sign of work at once, the answer streamed as the core writes
 * it, then the verified answer with its sources and feedback buttons. When the core fails the thread
 * gets a short apology saying what to do, and the log gets the error; nothing fails silently.
 */
export function createQuestionAnswerer(options: QuestionAnswererOptions): QuestionAnswerer {
  const { core, logger, features } = options;
  const now = options.now ?? Date.now;
  return async (client, request) => {
    const started = performance.now();
    const log = logger.child({ channel: request.channel, thread: request.threadTs, trigger: request.trigger });
    const reply = createThreadReply(client, request, { logger, features });
    if (!request.text) {
      await reply.finish({ text: EMPTY_QUESTION_HINT, render: () => plainMessage(EMPTY_QUESTION_HINT) });
      return;
    }
    await reply.showWorking();
    let answer: Answer;
    try {
      answer = await core.ask(
        { platform: "slack", user: request.user, conversation: request.channel, thread: request.threadTs, text: request.text, history: [] },
        { onDelta: (delta) => reply.append(delta), onQueued: (position) => reply.showQueued(position) },
      );
    } catch (error) {
      log.error({ err: error }, "could not answer a Slack question; apologized in the thread");
      await reply.finish({ text: APOLOGY, render: () => plainMessage(APOLOGY) });
      return;
    }
    const ts = await reply.finish({ text: answer.text, render: (withText) => renderAnswerBlocks(answer, { withText, now: now() }) });
    if (ts) {
      // The buttons carry the answer id; the link lets an admin find the answer from a Slack message too.
      await core.feedback.linkAnswer(answer.id, `${request.channel}:${ts}`).catch((error: Error) => log.warn({ err: error.message }, "could not link the answer to its Slack message"));
    }
    log.info({ answer: answer.id, mode: answer.mode, citations: answer.citations.length, grounded: answer.grounded, ms: Math.round(performance.now() - started), posted: ts !== null }, "answered a Slack question");
  };
}

function plainMessage(text: string): SlackMessage {
  return { text: escapeMrkdwn(text), blocks: [{ type: "section", text: { type: "mrkdwn", text: escapeMrkdwn(text) } }] };
}
