import { describe, expect, it } from "vitest";
import { createDedupeWindow } from "../../../adapters/slack/create-dedupe-window.ts";
import { decideReply, type DecideReplyOptions } from "../../../adapters/slack/decide-reply.ts";
import { readSlackText } from "../../../adapters/slack/read-slack-text.ts";
import { ALICE, BOT, CHANNEL, channelMessageEvent, directMessageEvent, DM, mentionEvent, TEAM } from "./slack-payloads.ts";

const ANSWERED_THREAD = "1715000000.000001";
const options = (extra: Partial<DecideReplyOptions> = {}): DecideReplyOptions => ({
  botUserId: BOT,
  botId: "B0BOTDOCENT",
  teamId: TEAM,
  knowsThread: async (channel, thread) => channel === CHANNEL && thread === ANSWERED_THREAD,
  threadFollowUps: true,
  followUpOptOut: [],
  ...extra,
});
const reason = async (event: unknown, extra?: Partial<DecideReplyOptions>) => {
  const decision = await decideReply(event, options(extra));
  return decision.reply ? null : decision.reason;
};

describe("deciding which Slack messages get an answer, and where", () => {
  it("answers a channel mention in the mention's own thread, without the mention in the question", async () => {
    const event = mentionEvent({ text: "how much parental leave do I get?", ts: "1715000100.000200" });
    expect(await decideReply(event, options())).toEqual({
      reply: true,
      request: {
        channel: CHANNEL,
        threadTs: "1715000100.000200",
        messageTs: "1715000100.000200",
        user: ALICE,
        teamId: TEAM,
        isDirect: false,
        text: "how much parental leave do I get?",
        trigger: "mention",
      },
    });
  });

  it("answers a mention inside a thread in that thread (thread_ts is the root)", async () => {
    const decision = await decideReply(mentionEvent({ text: "and for adoption?", ts: "1715000200.000300", thread_ts: "1715000100.000200" }), options());
    expect(decision).toMatchObject({ reply: true, request: { threadTs: "1715000100.000200", messageTs: "1715000200.000300" } });
  });

  it("answers a direct message, threaded the same way, with no mention needed", async () => {
    const decision = await decideReply(directMessageEvent({ text: "where do I send a phishing email?", ts: "1715000300.000100" }), options());
    expect(decision).toMatchObject({ reply: true, request: { channel: DM, threadTs: "1715000300.000100", isDirect: true, trigger: "direct message" } });
  });

  it("answers a reply in a thread it already answered, unless follow-ups are off there", async () => {
    const followUp = channelMessageEvent({ text: "and the secondary caregiver?", thread_ts: ANSWERED_THREAD });
    expect(await decideReply(followUp, options())).toMatchObject({ reply: true, request: { threadTs: ANSWERED_THREAD, trigger: "follow-up" } });
    expect(await reason(followUp, { followUpOptOut: [CHANNEL] })).toBe("thread follow-ups are switched off in this channel");
    expect(await reason(followUp, { threadFollowUps: false })).toBe("thread follow-ups are switched off");
    expect(await reason(channelMessageEvent({ text: "unrelated chatter", thread_ts: "1715000999.000001" }))).toBe(
      "a reply in a thread the bot has not answered",
    );
  });

  it("leaves ordinary channel messages alone, and a mention's message twin to the app_mention event", async () => {
    expect(await reason(channelMessageEvent({ text: "lunch anyone?" }))).toBe("a channel message without a mention");
    expect(await reason(channelMessageEvent({ text: `<@${BOT}> how much leave?` }))).toBe("a mention, answered from its app_mention event");
  });

  it("ignores its own messages, other bots, edits and other subtypes", async () => {
    expect(await reason(directMessageEvent({ text: "Here is your answer", user: BOT }))).toBe("the bot's own message");
    expect(await reason({ ...directMessageEvent({ text: "beep" }), bot_id: "B0OTHER", subtype: undefined })).toBe("posted by a bot");
    expect(await reason({ ...directMessageEvent({ text: "beep" }), subtype: "bot_message", bot_id: "B0OTHER" })).toBe("message subtype bot_message");
    expect(await reason({ type: "message", subtype: "message_changed", channel: DM, channel_type: "im", ts: "1.2", message: { text: "edited" } })).toBe(
      "message subtype message_changed",
    );
    expect(await reason({ type: "message", subtype: "message_deleted", channel: CHANNEL, ts: "1.3" })).toBe("message subtype message_deleted");
    expect(await reason({ ...channelMessageEvent({ text: "joined", thread_ts: ANSWERED_THREAD }), subtype: "channel_join" })).toBe(
      "message subtype channel_join",
    );
    expect(
      (await decideReply({ ...channelMessageEvent({ text: "also to channel", thread_ts: ANSWERED_THREAD }), subtype: "thread_broadcast" }, options())).reply,
    ).toBe(true);
    expect(await reason({ type: "reaction_added" })).toBe("not a message event this adapter understands");
  });
});

describe("reading a Slack message as plain text", () => {
  it("removes the bot's mention and turns Slack's markup back into words", async () => {
    expect(readSlackText(`<@${BOT}> what does <#C024BE7LR|benefits> say about <https://kb.example.com/leave|the leave page>?`, BOT)).toBe(
      "what does #benefits say about the leave page (https://kb.example.com/leave)?",
    );
    expect(readSlackText(`<@${BOT}|docent>   ask <@U999|bob> &amp; <!here> about &lt;Q3&gt; <mailto:hr@fernhill.example|hr@fernhill.example>`, BOT)).toBe(
      "ask @bob & @here about <Q3> hr@fernhill.example",
    );
    expect(readSlackText(`<@${BOT}>`, BOT)).toBe("");
  });
});

describe("the dedupe window", () => {
  it("lets a key through once, until it is older than the window", async () => {
    let now = 0;
    const window = createDedupeWindow({ ttlMs: 1000, now: () => now });
    expect(window.claim("Ev1")).toBe(true);
    expect(window.claim("Ev1")).toBe(false);
    now = 1001;
    expect(window.claim("Ev1")).toBe(true);
  });

  it("stays bounded, forgetting the oldest keys first", async () => {
    const window = createDedupeWindow({ maxKeys: 3 });
    for (const key of ["a", "b", "c", "d"]) window.claim(key);
    expect(window.size).toBe(3);
    expect(window.claim("d")).toBe(false);
    expect(window.claim("a")).toBe(true);
  });
});
