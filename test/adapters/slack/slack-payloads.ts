/**
 * Payloads in the shapes Slack documents (Events API envelopes, `block_actions`, `view_submission`),
 * trimmed to what a real delivery always carries. Used by the Slack tests and the Slack bench.
 */
import { FEEDBACK_ACTION_ID } from "../../../adapters/slack/render-answer-blocks.ts";
import { FEEDBACK_REASON_CALLBACK_ID } from "../../../adapters/slack/feedback-reason-modal.ts";

export const TEAM = "T0TEAM0001";
export const BOT = "U0BOTDOCENT";
export const ALICE = "U061F7AUR";
export const BOB = "U2147483697";
export const CHANNEL = "C123ABC456";
export const DM = "D024BE91L";

let counter = 0;
/** A fresh message timestamp, as Slack writes them: seconds, a dot, six digits. */
export function nextTs(): string {
  counter++;
  return `${1_715_000_000 + counter}.${String(counter).padStart(6, "0")}`;
}
export function nextEventId(): string {
  return `Ev0${(++counter).toString(36).toUpperCase().padStart(8, "0")}`;
}

export function eventCallback<E extends Record<string, unknown>>(event: E, options: { eventId?: string; team?: string } = {}) {
  const team = options.team ?? TEAM;
  return {
    token: "legacy-verification-token",
    team_id: team,
    api_app_id: "A0DOCENT",
    event: { event_ts: event.ts, ...event } as E & { event_ts?: unknown },
    type: "event_callback",
    event_id: options.eventId ?? nextEventId(),
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: team, user_id: BOT, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
}

export interface MessageFields {
  text: string;
  user?: string;
  channel?: string;
  ts?: string;
  thread_ts?: string;
}

/** `app_mention`: the text carries the bot's mention first, as Slack's clients write it. */
export function mentionEvent(fields: MessageFields) {
  const ts = fields.ts ?? nextTs();
  return {
    type: "app_mention",
    user: fields.user ?? ALICE,
    text: `<@${BOT}> ${fields.text}`,
    ts,
    channel: fields.channel ?? CHANNEL,
    team: TEAM,
    ...(fields.thread_ts ? { thread_ts: fields.thread_ts } : {}),
  };
}

/** `message.channels`: a plain message in a public channel (mentioning nobody unless the text does). */
export function channelMessageEvent(fields: MessageFields & { extra?: Record<string, unknown> }) {
  const ts = fields.ts ?? nextTs();
  return {
    type: "message",
    channel_type: "channel",
    user: fields.user ?? ALICE,
    text: fields.text,
    ts,
    channel: fields.channel ?? CHANNEL,
    team: TEAM,
    ...(fields.thread_ts ? { thread_ts: fields.thread_ts } : {}),
    ...fields.extra,
  };
}

/** `message.im`: a direct message to the bot. */
export function directMessageEvent(fields: MessageFields) {
  const ts = fields.ts ?? nextTs();
  return {
    type: "message",
    channel_type: "im",
    user: fields.user ?? BOB,
    text: fields.text,
    ts,
    channel: fields.channel ?? DM,
    team: TEAM,
    ...(fields.thread_ts ? { thread_ts: fields.thread_ts } : {}),
  };
}

/** A click on one of an answer's feedback buttons (`block_actions`, sent form-encoded). */
export function feedbackClick(options: { value: string; user?: string; channel?: string; messageTs: string; threadTs?: string }) {
  const user = options.user ?? ALICE;
  const channel = options.channel ?? CHANNEL;
  return {
    type: "block_actions",
    user: { id: user, username: "alice", name: "alice", team_id: TEAM },
    api_app_id: "A0DOCENT",
    token: "legacy-verification-token",
    container: { type: "message", message_ts: options.messageTs, channel_id: channel, is_ephemeral: false, thread_ts: options.threadTs },
    trigger_id: "13345224609.738474920.8088930838d88f008e0",
    team: { id: TEAM, domain: "fernhill" },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channel, name: "general" },
    message: { type: "message", user: BOT, ts: options.messageTs, thread_ts: options.threadTs, text: "answer" },
    response_url: "https://hooks.slack.com/actions/T0TEAM0001/1/abc",
    actions: [
      {
        type: "feedback_buttons",
        action_id: FEEDBACK_ACTION_ID,
        block_id: "fb",
        action_ts: `${Math.floor(Date.now() / 1000)}.000100`,
        value: options.value,
        text: { type: "plain_text", text: "Not helpful" },
      },
    ],
  };
}

/** The thumbs-down reason form, submitted (`view_submission`, sent form-encoded). */
export function feedbackReasonSubmission(options: { answerId: string; reason: string; user?: string; message?: { channel: string; ts: string } }) {
  return {
    type: "view_submission",
    team: { id: TEAM, domain: "fernhill" },
    user: { id: options.user ?? ALICE, username: "alice", name: "alice", team_id: TEAM },
    api_app_id: "A0DOCENT",
    token: "legacy-verification-token",
    trigger_id: "12345.98765.abcd2358fdea",
    view: {
      id: "V0FEEDBACK",
      team_id: TEAM,
      type: "modal",
      callback_id: FEEDBACK_REASON_CALLBACK_ID,
      // What the form was opened with: the answer, and where it was posted (forms opened before owner routing carry only the answer).
      private_metadata: JSON.stringify({ answerId: options.answerId, ...options.message }),
      state: { values: { reason: { reason_input: { type: "plain_text_input", value: options.reason } } } },
      hash: "156772938.1827394",
    },
  };
}

/** A message shortcut used on a message (`message_action`, sent form-encoded; bolt-js MessageShortcut). */
export function messageShortcut(options: {
  callbackId: string;
  user?: string;
  userName?: string;
  channel?: string;
  message: { ts: string; thread_ts?: string; user?: string; text: string };
}) {
  const user = options.user ?? ALICE;
  const name = options.userName ?? "alice";
  return {
    type: "message_action",
    token: "legacy-verification-token",
    action_ts: `${Math.floor(Date.now() / 1000)}.000200`,
    team: { id: TEAM, domain: "fernhill" },
    user: { id: user, username: name, name, team_id: TEAM },
    channel: { id: options.channel ?? CHANNEL, name: "general" },
    is_enterprise_install: false,
    enterprise: null,
    callback_id: options.callbackId,
    trigger_id: "13345224609.738474920.8088930838d88f008e0",
    response_url: "https://hooks.slack.com/app/T0TEAM0001/1/abc",
    message_ts: options.message.ts,
    message: { type: "message", user: options.message.user ?? BOB, team: TEAM, ...options.message },
  };
}
