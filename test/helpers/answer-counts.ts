import { QUEUED_MESSAGE } from "../../src/core/docent-core.ts";
import type { FakeSlackApi, SlackApiCall } from "./fake-slack-api.ts";
import type { FakeTeamsConnector } from "./fake-teams-connector.ts";

/** What the bot left for one question: how many final messages, and what they say. */
export interface QuestionOutcome {
  /** Final messages delivered: 1 is exactly once, 0 is lost, 2 or more is a duplicate. */
  finals: number;
  /** The bot's messages in the thread (Slack) or final activities (Teams); 1 when nothing was duplicated. */
  messages: number;
  /** The visible text of those messages, joined. */
  text: string;
  /** `performance.now()` (in the fake's process) when the first final message arrived; null before. */
  at: number | null;
}

/** Sorry-texts of both adapters start like this; an apology is final but has no feedback buttons. */
const APOLOGY_START = "Sorry, I couldn't answer";
const FINAL_METHODS = new Set(["chat.postMessage", "chat.update", "chat.stopStream"]);

const hasFeedbackButtons = (blocks: unknown): boolean =>
  Array.isArray(blocks) && blocks.some((block) => (block as { type?: string } | null)?.type === "context_actions");

/**
 * One Slack thread as Slack would show it: the final answer is the Web API call that put the feedback
 * buttons (or an apology) on a bot message in that thread — chat.postMessage, chat.stopStream or
 * chat.update, whichever path the adapter took — and Slack accepted it.
 */
export function slackOutcome(fake: FakeSlackApi, channel: string, threadTs: string): QuestionOutcome {
  const thread = fake.thread(channel, threadTs);
  const ours = new Set(thread.map((m) => m.ts));
  const inThread = (call: SlackApiCall) =>
    call.args.channel === channel && (call.method === "chat.postMessage" ? call.args.thread_ts === threadTs : ours.has(call.args.ts));
  const finals = fake.calls.filter(
    (call) =>
      call.status === 200 &&
      FINAL_METHODS.has(call.method) &&
      inThread(call) &&
      (hasFeedbackButtons(call.args.blocks) || String(call.args.text ?? "").includes(APOLOGY_START)),
  );
  return { finals: finals.length, messages: thread.length, text: thread.map((m) => fake.messageText(m)).join("\n"), at: finals[0]?.at ?? null };
}

/** Whether a text is the core's "your question waits in line" notice, for any position. */
export function isQueueNotice(text: unknown): boolean {
  const said = String(text ?? "");
  return said === QUEUED_MESSAGE(Number(/\d+/.exec(said)?.[0] ?? 1));
}

/**
 * One Teams conversation: every `message` activity the bot sent there (the stream's final one included)
 * except the notice that the question waits in line, which comes before the answer.
 */
export function teamsOutcome(connector: FakeTeamsConnector, conversationId: string): QuestionOutcome {
  const finals = connector.received.filter(
    (a) => a.conversationId === conversationId && a.body.type === "message" && a.status < 300 && !isQueueNotice(a.body.text),
  );
  return { finals: finals.length, messages: finals.length, text: finals.map((a) => String(a.body.text ?? "")).join("\n"), at: finals[0]?.at ?? null };
}

/** Slack askers who were told their question waits in line (the thread's status, or its placeholder, says so). */
export function slackQueueNotices(fake: FakeSlackApi): Set<string> {
  const told = new Set<string>();
  for (const call of fake.calls) {
    const said = [call.args.status, call.args.text, ...(Array.isArray(call.args.loading_messages) ? call.args.loading_messages : [])]
      .map((t) => String(t ?? ""))
      .join(" ");
    if (!/in line/i.test(said)) continue;
    if (call.method === "assistant.threads.setStatus") told.add(`${call.args.channel_id}:${call.args.thread_ts}`);
    else if (call.method === "chat.postMessage") told.add(`${call.args.channel}:${call.args.thread_ts}`);
    else if (call.method === "chat.update") {
      const message = fake.messages.find((m) => m.channel === call.args.channel && m.ts === call.args.ts);
      told.add(`${call.args.channel}:${message?.thread_ts ?? call.args.ts}`);
    }
  }
  return told;
}

/** Teams conversations where the bot said the question waits in line. */
export function teamsQueueNotices(connector: FakeTeamsConnector): Set<string> {
  return new Set(connector.received.filter((a) => a.status < 300 && isQueueNotice(a.body.text)).map((a) => a.conversationId));
}
