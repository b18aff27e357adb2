import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PLACEHOLDER_TEXT, WORKING_STATUS } from "../../../adapters/slack/create-working-sign.ts";
import { APOLOGY, EMPTY_QUESTION_HINT } from "../../../src/core/answer-in-thread.ts";
import { THANKS, THANKS_DOWN, UNKNOWN_ANSWER } from "../../../adapters/slack/register-feedback-listeners.ts";
import { SUGGESTED_PROMPTS } from "../../../adapters/slack/register-home-listener.ts";
import { escapeMrkdwn } from "../../../adapters/slack/escape-mrkdwn.ts";
import type { Answer } from "../../../src/core/types.ts";
import type { FakeMessage } from "../../helpers/fake-slack-api.ts";
import {
  ALICE,
  BOB,
  BOT,
  CHANNEL,
  channelMessageEvent,
  directMessageEvent,
  DM,
  eventCallback,
  feedbackClick,
  feedbackReasonSubmission,
  mentionEvent,
  nextTs,
  TEAM,
} from "./slack-payloads.ts";
import { HANDBOOK_URL, startSlackTestApp, type SlackTestApp } from "./start-slack-test-app.ts";

/**
 * The Slack adapter end to end, in extractive mode: signed requests in Slack's documented shapes go to
 * the real Bolt app on the shared server, and everything the app does in Slack is read back from the
 * fake Web API.
 */
describe("Docent in Slack (HTTP mode)", () => {
  let app: SlackTestApp;
  const answers: Answer[] = [];
  let failNextQuestion = false;

  beforeAll(async () => {
    app = await startSlackTestApp({
      wrapCore: (core) => ({
        ...core,
        async ask(question, options) {
          if (failNextQuestion) {
            failNextQuestion = false;
            throw new Error("the index could not be read");
          }
          const answer = await core.ask(question, options);
          answers.push(answer);
          return answer;
        },
      }),
    });
  });
  afterAll(() => app?.stop());

  /** The bot's finished reply in a thread: not streaming any more, ending in feedback buttons or an apology. */
  const finalReply = (channel: string, threadTs: string, what = "the final answer") =>
    app.fake.waitFor(
      () =>
        app.fake
          .thread(channel, threadTs)
          .find((m) => !m.streaming && m.blocks.some((b) => b.type === "context_actions" || b.text?.text === escapeMrkdwn(APOLOGY))),
      `${what} in thread ${threadTs}`,
    );
  const answerIdOf = (message: FakeMessage): string => {
    const buttons = message.blocks.find((b) => b.type === "context_actions").elements[0];
    return String(buttons.positive_button.value).replace(/:up$/, "");
  };
  const answerFor = (message: FakeMessage) => answers.find((a) => a.id === answerIdOf(message))!;
  /** Waits until the adapter has looked at an event (and decided what to do with it). */
  const handled = (eventId: string, reason?: string) =>
    app.fake.waitFor(
      () => app.logs.find((line) => line.eventId === eventId && (!reason || line.reason === reason)),
      `the adapter to handle ${eventId}${reason ? ` (${reason})` : ""}`,
    );
  const callsInThread = (method: string, channel: string, threadTs: string) =>
    app.fake.callsTo(method).filter((c) => (c.args.channel ?? c.args.channel_id) === channel && c.args.thread_ts === threadTs);

  it("answers a channel mention in the mention's thread, streamed, with a link for every cited source", async () => {
    const event = mentionEvent({ text: "how many weeks of parental leave does the primary caregiver get?" });
    const started = performance.now();
    const response = await app.send(eventCallback(event));
    expect(response.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(1000);

    const reply = await finalReply(CHANNEL, event.ts);
    expect(reply.thread_ts).toBe(event.ts);
    const text = app.fake.messageText(reply);
    expect(text).toMatch(/16 weeks/);

    const answer = answerFor(reply);
    expect(answer.citations.length).toBeGreaterThan(0);
    for (const citation of answer.citations) {
      if (citation.url) expect(text).toContain(`<${citation.url}|[${citation.n}] ${escapeMrkdwn(citation.title)}>`);
      else expect(text).toContain(`[${citation.n}] ${escapeMrkdwn(citation.title)}`);
    }
    expect(answer.citations[0]!.url).toBe(`${HANDBOOK_URL}leave/parental-leave.md`);

    // The loading status came first, on the right thread; the answer was streamed to the asker.
    const [status] = callsInThread("assistant.threads.setStatus", CHANNEL, event.ts);
    expect(status!.args).toMatchObject({ channel_id: CHANNEL, thread_ts: event.ts, status: WORKING_STATUS });
    const [stream] = callsInThread("chat.startStream", CHANNEL, event.ts);
    expect(stream!.args).toMatchObject({ recipient_user_id: ALICE, recipient_team_id: TEAM });
    expect(status!.at).toBeLessThan(stream!.at);
    expect(reply.via).toBe("chat.startStream");
    // One reply, nothing else posted in the thread.
    expect(app.fake.thread(CHANNEL, event.ts)).toHaveLength(1);
  });

  it("answers a direct message in a thread of the DM, streamed without recipient fields", async () => {
    const event = directMessageEvent({ text: "what should I do with a suspicious email?" });
    expect((await app.send(eventCallback(event))).status).toBe(200);
    const reply = await finalReply(DM, event.ts);
    expect(reply.thread_ts).toBe(event.ts);
    expect(app.fake.messageText(reply)).toMatch(/security@fernhill\.example/);
    expect(app.fake.messageText(reply)).toContain(`<${HANDBOOK_URL}security/phishing.md|[1] Reporting Phishing>`);
    const [stream] = callsInThread("chat.startStream", DM, event.ts);
    expect(stream!.args.recipient_user_id).toBeUndefined();
    expect(stream!.args.recipient_team_id).toBeUndefined();
  });

  it("shows a source without a URL by its title alone", async () => {
    const event = directMessageEvent({ text: "what is the guest wifi password and where do I find it?" });
    await app.send(eventCallback(event));
    const reply = await finalReply(DM, event.ts);
    const wifi = answerFor(reply).citations.find((c) => c.docId === "wifi.md")!;
    expect(wifi.url).toBeNull();
    expect(app.fake.messageText(reply)).toMatch(new RegExp(`(^|\\n)\\[${wifi.n}\\] Office Wi-Fi`));
  });

  it("answers a follow-up in an answered thread without a new mention, with the thread's context", async () => {
    const root = mentionEvent({ text: "how do I submit an expense report?" });
    await app.send(eventCallback(root));
    await finalReply(CHANNEL, root.ts);

    const followUp = channelMessageEvent({ text: "and what about the per diem for meals?", thread_ts: root.ts });
    await app.send(eventCallback(followUp));
    const replies = await app.fake.waitFor(() => {
      const finished = app.fake.thread(CHANNEL, root.ts).filter((m) => !m.streaming && m.blocks.some((b) => b.type === "context_actions"));
      return finished.length === 2 && finished;
    }, "the follow-up's answer");
    expect(replies[1]!.thread_ts).toBe(root.ts);
    expect(app.fake.messageText(replies[1]!)).toMatch(/45 euros/);

    // A reply in a thread the bot never answered is left alone.
    const stranger = eventCallback(channelMessageEvent({ text: "and what about the per diem?", thread_ts: nextTs() }));
    await app.send(stranger);
    await handled(stranger.event_id, "a reply in a thread the bot has not answered");
  });

  it("ignores its own messages, other bots' messages, edits and plain channel chatter", async () => {
    const own = eventCallback({ ...directMessageEvent({ text: "Here is what I found" }), user: BOT, bot_id: "B0BOTDOCENT" });
    const otherBot = eventCallback({ ...directMessageEvent({ text: "deploy finished" }), subtype: "bot_message", bot_id: "B0CIBOT", user: undefined });
    const edit = eventCallback({
      type: "message",
      subtype: "message_changed",
      channel: DM,
      channel_type: "im",
      ts: nextTs(),
      message: { type: "message", user: BOB, text: "how much leave? (edited)", ts: nextTs() },
    });
    const chatter = eventCallback(channelMessageEvent({ text: "anyone for lunch?" }));
    for (const event of [own, otherBot, edit, chatter]) expect((await app.send(event)).status).toBe(200);
    await handled(chatter.event_id, "a channel message without a mention");
    await handled(edit.event_id, "message subtype message_changed");
    for (const event of [own, otherBot, edit, chatter]) {
      const ts = String(event.event.ts);
      expect(app.fake.calls.filter((c) => c.args.thread_ts === ts || c.args.ts === ts)).toEqual([]);
    }
  });

  it("answers once when Slack retries an event, and once when a mention also arrives as a message", async () => {
    const root = mentionEvent({ text: "how do I request parental leave?" });
    const first = eventCallback(root);
    const [a, b, c] = await Promise.all([
      app.send(first),
      app.send(first, { retryNum: 1, retryReason: "http_timeout" }),
      app.send(eventCallback({ ...channelMessageEvent({ text: `<@${BOT}> how do I request parental leave?`, ts: root.ts }) })),
    ]);
    expect([a.status, b.status, c.status]).toEqual([200, 200, 200]);
    await finalReply(CHANNEL, root.ts);

    // A mention inside an answered thread is both a follow-up (message event) and an app_mention.
    const again = mentionEvent({ text: "and how early must I tell my manager?", thread_ts: root.ts });
    const twin = eventCallback(channelMessageEvent({ text: again.text, ts: again.ts, thread_ts: root.ts }));
    const mention = eventCallback(again);
    await Promise.all([app.send(twin), app.send(mention), app.send(mention, { retryNum: 2, retryReason: "http_error" })]);
    await app.fake.waitFor(
      () => app.fake.thread(CHANNEL, root.ts).filter((m) => !m.streaming && m.blocks.some((bl) => bl.type === "context_actions")).length === 2,
      "the second answer",
    );
    await handled(mention.event_id);
    await handled(twin.event_id);
    await new Promise((resolve) => setTimeout(resolve, 100));

    expect(app.fake.thread(CHANNEL, root.ts)).toHaveLength(2);
    expect(callsInThread("assistant.threads.setStatus", CHANNEL, root.ts)).toHaveLength(2);
    expect(callsInThread("chat.startStream", CHANNEL, root.ts).length + callsInThread("chat.postMessage", CHANNEL, root.ts).length).toBe(2);
  });

  it("records a feedback click against its answer, changes the vote on a second click, and takes a reason for a thumbs-down", async () => {
    const event = directMessageEvent({ text: "how many weeks of parental leave for the secondary caregiver?", user: ALICE });
    await app.send(eventCallback(event));
    const reply = await finalReply(DM, event.ts);
    const answerId = answerIdOf(reply);
    const before = (await app.core.feedback.report()).total;

    const up = await app.send(feedbackClick({ value: `${answerId}:up`, channel: DM, messageTs: reply.ts, threadTs: event.ts }), { form: true });
    expect(up.status).toBe(200);
    const thanks = await app.fake.waitFor(
      () => app.fake.callsTo("chat.postEphemeral").find((c) => c.args.channel === DM && c.args.text === THANKS),
      "the ephemeral thanks",
    );
    expect(thanks.args).toMatchObject({ user: ALICE, thread_ts: event.ts });
    let report = await app.core.feedback.report();
    expect(report.total).toBe(before + 1);
    expect(report.items[0]).toMatchObject({ platform: "slack", rating: "up", docIds: expect.arrayContaining(["leave/parental-leave.md"]) });

    await app.send(feedbackClick({ value: `${answerId}:down`, channel: DM, messageTs: reply.ts, threadTs: event.ts }), { form: true });
    const form = await app.fake.waitFor(() => app.fake.callsTo("views.open").at(-1), "the reason form");
    expect(form.args.trigger_id).toBeTruthy();
    expect(form.args.view).toMatchObject({
      type: "modal",
      callback_id: "docent_feedback_reason",
      private_metadata: JSON.stringify({ answerId, channel: DM, ts: reply.ts }),
    });
    await app.fake.waitFor(() => app.fake.callsTo("chat.postEphemeral").find((c) => c.args.text === THANKS_DOWN), "the thanks after a thumbs-down");
    report = await app.core.feedback.report();
    expect(report.total).toBe(before + 1);
    expect(report.items[0]).toMatchObject({ rating: "down", comment: null });

    const submitted = await app.send(feedbackReasonSubmission({ answerId, reason: "It does not say whether adoption counts." }), { form: true });
    expect(submitted.status).toBe(200);
    expect(await submitted.text()).toBe("");
    const withReason = await waitForAsync(async () => {
      const latest = await app.core.feedback.report();
      return latest.items[0]?.comment ? latest : null;
    });
    expect(withReason.total).toBe(before + 1);
    expect(withReason.items[0]).toMatchObject({ rating: "down", comment: "It does not say whether adoption counts." });

    // A click on an answer the store never saw is acknowledged and explained, not recorded.
    await app.send(feedbackClick({ value: "00000000-dead-beef-0000-000000000000:up", channel: DM, messageTs: reply.ts }), { form: true });
    await app.fake.waitFor(() => app.fake.callsTo("chat.postEphemeral").find((c) => c.args.text === UNKNOWN_ANSWER), "the unknown-answer notice");
    expect((await app.core.feedback.report()).total).toBe(before + 1);
  });

  it("rejects bad signatures and stale timestamps with 401 and malformed bodies with 400, and keeps serving", async () => {
    const body = JSON.stringify(eventCallback(mentionEvent({ text: "how much parental leave?" })));
    const now = Math.floor(Date.now() / 1000);
    expect((await app.send(body, { signature: "v0=0000000000000000000000000000000000000000000000000000000000000000" })).status).toBe(401);
    expect((await app.send(body, { signingSecret: "not-the-signing-secret" })).status).toBe(401);
    expect((await app.send(body, { timestamp: now - 6 * 60 })).status).toBe(401);
    expect((await app.send(body, { timestamp: now + 6 * 60 })).status).toBe(401);
    expect((await fetch(app.eventsUrl, { method: "POST", headers: { "content-type": "application/json" }, body })).status).toBe(401);

    expect((await app.send("{not json")).status).toBe(400);
    expect((await app.send("null")).status).toBe(400);
    expect((await app.send(JSON.stringify({ type: "event_callback", event_id: "Ev1" }))).status).toBe(400);
    expect((await app.send("payload=%7Bbroken", { form: true })).status).toBe(400);
    const malformed = await app.send("[]");
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get("x-slack-no-retry")).toBe("1");
    expect((await fetch(app.eventsUrl)).status).toBe(405);

    // Slack's own housekeeping requests still work…
    const challenge = await app.send(
      JSON.stringify({ token: "t", challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", type: "url_verification" }),
    );
    expect(await challenge.json()).toEqual({ challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" });
    expect(
      (await fetch(app.eventsUrl, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "ssl_check=1&token=x" })).status,
    ).toBe(200);
    // …and so do questions.
    const event = directMessageEvent({ text: "how do I report phishing?" });
    expect((await app.send(eventCallback(event))).status).toBe(200);
    await finalReply(DM, event.ts);
    expect(app.logs.some((line) => line.msg === "rejected a Slack request that failed verification" && line.reason === "request is stale")).toBe(true);
  });

  it("says sorry in the thread when the question cannot be answered, and logs why", async () => {
    failNextQuestion = true;
    const event = mentionEvent({ text: "how many vacation days do I get?" });
    await app.send(eventCallback(event));
    const reply = await finalReply(CHANNEL, event.ts, "the apology");
    expect(app.fake.messageText(reply)).toContain(escapeMrkdwn(APOLOGY));
    expect(reply.thread_ts).toBe(event.ts);
    const logged = app.logs.find((line) => line.msg === "could not answer a Slack question; apologized in the thread");
    expect(logged).toMatchObject({ level: 50, channel: CHANNEL, thread: event.ts, err: { message: "the index could not be read" } });
  });

  it("answers a bare mention with a hint instead of a search", async () => {
    const event = { ...mentionEvent({ text: "" }) };
    await app.send(eventCallback(event));
    const hint = await app.fake.waitFor(() => app.fake.thread(CHANNEL, event.ts)[0], "the hint");
    expect(hint.text).toBe(EMPTY_QUESTION_HINT.replace(/&/g, "&amp;"));
    expect(callsInThread("assistant.threads.setStatus", CHANNEL, event.ts)).toHaveLength(0);
  });

  it("offers suggested prompts when someone opens the app's Messages tab", async () => {
    const opened = eventCallback({ type: "app_home_opened", user: BOB, channel: "D0NEWDM01", tab: "messages", event_ts: nextTs() });
    expect((await app.send(opened)).status).toBe(200);
    const call = await app.fake.waitFor(
      () => app.fake.callsTo("assistant.threads.setSuggestedPrompts").find((c) => c.args.channel_id === "D0NEWDM01"),
      "the suggested prompts",
    );
    expect(call.args.thread_ts).toBeUndefined();
    // No prompts configured: one per document the index covers best, taking turns between the two sources.
    expect(call.args.prompts).toEqual(
      ["Parental Leave", "Office Wi-Fi", "Reporting Phishing", "Travel & Expenses"].map((topic) => ({
        title: topic,
        message: `What do our documents say about ${topic}?`,
      })),
    );
    expect(SUGGESTED_PROMPTS.length).toBeLessThanOrEqual(4);

    await app.send(eventCallback({ type: "app_home_opened", user: BOB, channel: "D0NEWDM02", tab: "home", event_ts: nextTs() }));
    await app.send(eventCallback({ type: "app_home_opened", user: BOB, channel: "D0NEWDM01", tab: "messages", event_ts: nextTs() }));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(app.fake.callsTo("assistant.threads.setSuggestedPrompts").map((c) => c.args.channel_id)).toEqual(["D0NEWDM01"]);
  });

  it("waits out a 429's Retry-After, retries a 500 three times, and otherwise falls back to a plain message", async () => {
    app.fake.fail("chat.startStream", { status: 429, retryAfter: 1 });
    const limited = directMessageEvent({ text: "how do I submit an expense report?" });
    await app.send(eventCallback(limited));
    const reply = await finalReply(DM, limited.ts);
    const attempts = callsInThread("chat.startStream", DM, limited.ts);
    expect(attempts.map((c) => c.status)).toEqual([429, 200]);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(950);
    expect(reply.via).toBe("chat.startStream");

    app.fake.fail("chat.startStream", { status: 500 }, 4);
    const broken = directMessageEvent({ text: "what is the per diem for meals?" });
    await app.send(eventCallback(broken));
    const fallback = await finalReply(DM, broken.ts);
    expect(callsInThread("chat.startStream", DM, broken.ts).map((c) => c.status)).toEqual([500, 500, 500, 500]);
    expect(fallback.via).toBe("chat.postMessage");
    expect(app.fake.messageText(fallback)).toMatch(/45 euros/);
    expect(app.logs.some((line) => line.msg === "streaming the answer failed; it will be posted as one message" && line.thread === broken.ts)).toBe(true);

    app.fake.fail("chat.startStream", { status: 500 }, 4);
    app.fake.fail("chat.postMessage", { status: 500 }, 4);
    const lost = directMessageEvent({ text: "how do I report phishing emails?" });
    await app.send(eventCallback(lost));
    const gaveUp = await app.fake.waitFor(
      () => app.logs.find((line) => line.msg === "could not post the reply in the thread" && line.thread === lost.ts),
      "the give-up log line",
    );
    expect(gaveUp.level).toBe(50);
    expect(callsInThread("chat.postMessage", DM, lost.ts).map((c) => c.status)).toEqual([500, 500, 500, 500]);
  });

  // Last: it teaches the adapter that this workspace has no loading status.
  it("posts a placeholder when the loading status is unavailable, and replaces it with the answer", async () => {
    app.fake.fail("assistant.threads.setStatus", { error: "missing_scope" });
    const event = mentionEvent({ text: "how long is parental leave for the primary caregiver?" });
    await app.send(eventCallback(event));
    const reply = await finalReply(CHANNEL, event.ts);
    expect(reply.via).toBe("chat.postMessage");
    expect(reply.updates).toBe(1);
    const [placeholder] = callsInThread("chat.postMessage", CHANNEL, event.ts);
    expect(placeholder!.args.text).toBe(PLACEHOLDER_TEXT);
    expect(app.fake.thread(CHANNEL, event.ts)).toHaveLength(1);
    expect(app.fake.messageText(reply)).toMatch(/16 weeks/);
    expect(callsInThread("chat.startStream", CHANNEL, event.ts)).toHaveLength(0);

    // Slack said "missing_scope": the next question goes straight to the placeholder.
    const next = mentionEvent({ text: "what is the per diem?" });
    await app.send(eventCallback(next));
    await finalReply(CHANNEL, next.ts);
    expect(callsInThread("assistant.threads.setStatus", CHANNEL, next.ts)).toHaveLength(0);
  });
});

async function waitForAsync<T>(probe: () => Promise<T | null>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
