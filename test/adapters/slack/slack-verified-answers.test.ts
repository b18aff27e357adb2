import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { savedConfirmation } from "../../../src/core/verified-answer-replies.ts";
import {
  NOT_A_VERIFIER,
  NOT_DOCENTS_THREAD,
  NOT_IN_A_THREAD,
  NOT_THE_BOT,
  SAVE_VERIFIED_CALLBACK_ID,
} from "../../../adapters/slack/register-verified-shortcut.ts";
import { ALICE, BOB, BOT, CHANNEL, eventCallback, mentionEvent, messageShortcut, nextTs } from "./slack-payloads.ts";
import { startSlackTestApp, type SlackTestApp } from "./start-slack-test-app.ts";

const DOG_QUESTION = "can I bring my dog to the office?";
const DOG_ANSWER = "Dogs are welcome in the office on Fridays, on a leash, once the office manager has their vaccination record.";

/**
 * "Save as verified answer", Slack's message shortcut, end to end: signed form-encoded `message_action`
 * payloads to /slack/events, the thread read back from the fake Web API, the confirmation (or refusal)
 * as an ephemeral message, and the next question answered from the saved reply.
 */
describe("verified answers from Slack's message shortcut", () => {
  let app: SlackTestApp;
  beforeAll(async () => {
    app = await startSlackTestApp({
      configure: (config) => (config.verifiers = { slack: [ALICE], teams: [] }),
      slackUsers: { [ALICE]: { name: "alice", realName: "Alice Moreau" } },
    });
  });
  afterAll(() => app?.stop());

  // The fake Web API stamps the bot's messages from its own clock (1_700_000_000 on); a question asked
  // before them keeps a thread in Slack's order: question, Docent's answer, then the expert's reply.
  let earlier = 0;
  const earlyTs = () => `1690000000.${String(++earlier).padStart(6, "0")}`;

  /** Asks in a new thread, as Slack keeps it for conversations.replies; resolves once Docent's finished reply is there. */
  const askInThread = async (text: string) => {
    const event = mentionEvent({ text, user: BOB, ts: earlyTs() });
    app.fake.said({ channel: CHANNEL, ts: event.ts, user: BOB, text: event.text });
    expect((await app.send(eventCallback(event))).status).toBe(200);
    const reply = await app.fake.waitFor(
      () => app.fake.thread(CHANNEL, event.ts).find((m) => !m.streaming && m.blocks.some((b) => b.type === "context_actions")),
      `Docent's answer to "${text}"`,
    );
    return { threadTs: event.ts, reply };
  };
  const ephemeralTo = async (user: string, after: number) =>
    (
      await app.fake.waitFor(
        () => app.fake.callsTo("chat.postEphemeral").filter((c) => c.at > after && c.args.user === user)[0],
        `an ephemeral message to ${user}`,
      )
    ).args;
  const useShortcut = async (payload: ReturnType<typeof messageShortcut>) => {
    const before = performance.now();
    const response = await app.send(payload, { form: true });
    expect(response.status).toBe(200);
    return ephemeralTo(payload.user.id, before);
  };

  let expertReply: { ts: string; thread_ts: string; text: string };

  it("saves an expert's reply in a thread Docent answered, with the thread's question, and confirms it privately", async () => {
    const { threadTs, reply } = await askInThread(DOG_QUESTION);
    expect(app.fake.messageText(reply)).toMatch(/couldn't find|could not find|don't have|no document/i);
    expertReply = { ts: nextTs(), thread_ts: threadTs, text: DOG_ANSWER };
    app.fake.said({ channel: CHANNEL, user: BOB, ...expertReply });

    const told = await useShortcut(messageShortcut({ callbackId: SAVE_VERIFIED_CALLBACK_ID, message: { ...expertReply, user: BOB } }));
    expect(told).toMatchObject({ channel: CHANNEL, user: ALICE, thread_ts: threadTs, text: savedConfirmation(DOG_QUESTION, "this thread") });
    expect(app.fake.callsTo("conversations.replies").at(-1)!.args).toMatchObject({ channel: CHANNEL, ts: threadTs });

    const [saved] = await app.core.verified.list();
    expect(saved).toMatchObject({
      question: DOG_QUESTION,
      answer: DOG_ANSWER,
      // Her name as colleagues know it (users.info), not her handle.
      verifiedBy: { name: "Alice Moreau", platform: "slack", id: ALICE },
      link: `https://fernhill.slack.com/archives/${CHANNEL}/p${expertReply.ts.replace(".", "")}`,
      retired: false,
    });
  });

  it("answers the repeated question from the verified reply, its source reading “Verified by <name>, <date>” and linking the thread", async () => {
    const [saved] = await app.core.verified.list();
    const { reply } = await askInThread("may I bring my dog into the office?");
    const text = app.fake.messageText(reply);
    expect(text).toContain("vaccination record");
    const sources = reply.blocks.map((b) => b.text?.text ?? "").find((t: string) => t.startsWith("*Sources*"));
    expect(sources).toContain(`<${saved!.link}|[1] Verified by Alice Moreau, ${saved!.verifiedAt.slice(0, 10)}>`);
  });

  it("refuses, privately and in plain words, someone who is not a listed verifier, and saves nothing", async () => {
    const told = await useShortcut(
      messageShortcut({ callbackId: SAVE_VERIFIED_CALLBACK_ID, user: BOB, userName: "bob", message: { ...expertReply, user: BOB } }),
    );
    expect(told).toMatchObject({ user: BOB, text: NOT_A_VERIFIER });
    expect(await app.core.verified.list()).toHaveLength(1);
  });

  it("explains why a message cannot be saved: outside a thread, Docent's own answer, a thread Docent never answered", async () => {
    const root = { ts: nextTs(), text: "Dogs are fine, I think." };
    expect((await useShortcut(messageShortcut({ callbackId: SAVE_VERIFIED_CALLBACK_ID, message: root }))).text).toBe(NOT_IN_A_THREAD);

    const botAnswer = { ts: nextTs(), thread_ts: expertReply.thread_ts, text: "An answer", user: BOT };
    expect((await useShortcut(messageShortcut({ callbackId: SAVE_VERIFIED_CALLBACK_ID, message: botAnswer }))).text).toBe(NOT_THE_BOT);

    const otherThread = nextTs();
    app.fake.said({ channel: CHANNEL, user: BOB, ts: otherThread, text: "Who has the projector?" });
    const reply = { ts: nextTs(), thread_ts: otherThread, text: "Facilities does." };
    app.fake.said({ channel: CHANNEL, user: BOB, ...reply });
    expect((await useShortcut(messageShortcut({ callbackId: SAVE_VERIFIED_CALLBACK_ID, message: reply }))).text).toBe(NOT_DOCENTS_THREAD);
    expect(await app.core.verified.list()).toHaveLength(1);
  });
});
