import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSlackAdapter } from "../../adapters/slack/create-slack-adapter.ts";
import { createTeamsAdapter } from "../../adapters/teams/create-teams-adapter.ts";
import { createLogger } from "../../src/logger.ts";
import type { DocentServer } from "../../src/server/start-docent.ts";
import { directMessageEvent, eventCallback, mentionEvent } from "../adapters/slack/slack-payloads.ts";
import { channelMention, personalMessage } from "../adapters/teams/fixtures/activities.ts";
import { isQueueNotice, slackOutcome, slackQueueNotices, teamsOutcome, teamsQueueNotices, type QuestionOutcome } from "../helpers/answer-counts.ts";
import { PLAN_INSTRUCTIONS } from "../../src/core/plan-search.ts";
import { startFakeModelServer, type FakeModelServer } from "../helpers/fake-model-server.ts";
import { deliverToSlackApp, startFakeSlackApi, type FakeSlackApi } from "../helpers/fake-slack-api.ts";
import { startFakeTeamsConnector, type FakeTeamsConnector } from "../helpers/fake-teams-connector.ts";
import { startTestDocent } from "../helpers/start-test-docent.ts";

const SIGNING_SECRET = "load-test-signing-secret-0123456789ab";
const SLOTS = 4;
const MODEL_DELAY_MS = 300;
const REPLY = "Fernhill's handbook answers this in the first source [1].";
const QUESTIONS = [
  "how many vacation days do I get per year?",
  "how do I connect to the VPN from home?",
  "how long is parental leave?",
  "how do I reset my password and MFA?",
  "can I work remotely from another country?",
];

type Asked = { platform: "slack"; channel: string; ts: string } | { platform: "teams"; conversation: string };

/**
 * Docent with both platforms on one server under a bounded load, with the per-user rate limit, and with
 * Slack's Web API answering 429 and 500: every question is answered exactly once (or, when Slack refuses
 * every way of posting, the log says so) and the server keeps serving.
 */
describe("under load and Slack faults", () => {
  let slack: FakeSlackApi;
  let connector: FakeTeamsConnector;
  let model: FakeModelServer;
  let docent: DocentServer;
  let stop: () => Promise<void>;
  let base: string;
  const logs: { level: number; msg: string; [key: string]: unknown }[] = [];
  let sequence = 0;

  beforeAll(async () => {
    slack = await startFakeSlackApi();
    connector = await startFakeTeamsConnector();
    model = await startFakeModelServer();
    const destination = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split("\n").filter(Boolean)) logs.push(JSON.parse(line));
        done();
      },
    });
    ({ docent, stop } = await startTestDocent({
      adapters: [createSlackAdapter, createTeamsAdapter],
      env: {
        SLACK_BOT_TOKEN: "xoxb-load-test-0000",
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.url,
        OPENAI_BASE_URL: model.url,
        DOCENT_CHAT_MODEL: "fake-chat",
        DOCENT_MAX_CONCURRENT: String(SLOTS),
        DOCENT_RATE_LIMIT_PER_MINUTE: "3",
      },
      logger: createLogger({ level: "debug", destination }),
    }));
    base = docent.url.replace("//localhost:", "//127.0.0.1:");
  }, 60_000);

  afterAll(async () => {
    await stop?.();
    await Promise.all([slack?.close(), connector?.close(), model?.close()]);
  });

  const question = () => QUESTIONS[sequence % QUESTIONS.length]!;
  const askSlack = async (kind: "mention" | "dm", user = `U0LT${++sequence}`): Promise<{ asked: Asked; status: number }> => {
    const event =
      kind === "mention"
        ? mentionEvent({ text: question(), user, channel: `C0LT${++sequence}` })
        : directMessageEvent({ text: question(), user, channel: `D0LT${++sequence}` });
    const response = await deliverToSlackApp(`${base}/slack/events`, eventCallback(event), { signingSecret: SIGNING_SECRET });
    return { asked: { platform: "slack", channel: event.channel, ts: event.ts }, status: response.status };
  };
  const askTeams = async (kind: "channel" | "personal"): Promise<{ asked: Asked; status: number }> => {
    const n = ++sequence;
    const from = { id: `29:load-test-${n}`, name: `Person ${n}`, aadObjectId: `load-test-${n}` };
    const activity: Record<string, any> = {
      ...(kind === "channel" ? channelMention(connector.serviceUrl, question()) : personalMessage(connector.serviceUrl, question())),
      from,
    };
    const response = await fetch(`${base}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(activity) });
    await response.arrayBuffer();
    return { asked: { platform: "teams", conversation: activity.conversation.id }, status: response.status };
  };
  const outcome = (asked: Asked): QuestionOutcome =>
    asked.platform === "slack" ? slackOutcome(slack, asked.channel, asked.ts) : teamsOutcome(connector, asked.conversation);
  /** Waits until each question has its final message, then a little longer, so that a late duplicate shows. */
  const settled = async (asked: Asked[], timeoutMs = 15_000): Promise<QuestionOutcome[]> => {
    await slack.waitFor(() => asked.every((a) => outcome(a).at !== null), `final answers to ${asked.length} questions`, timeoutMs);
    await new Promise((resolve) => setTimeout(resolve, 400));
    return asked.map(outcome);
  };
  const callsInThread = (method: string, asked: Asked) =>
    asked.platform === "slack"
      ? slack
          .callsTo(method)
          .filter(
            (c) =>
              (c.args.channel ?? c.args.channel_id) === asked.channel &&
              (c.args.thread_ts === asked.ts || slack.thread(asked.channel, asked.ts).some((m) => m.ts === c.args.ts)),
          )
      : [];

  it(`answers 40 questions at once across Slack and Teams exactly once, ${SLOTS} at a time, telling askers who wait`, async () => {
    const modelStarts: number[] = [];
    model.script((request) => {
      // Each question first has the model plan its search (one quick call), then answer: only answers count here.
      if (request.messages[0]?.content === PLAN_INSTRUCTIONS)
        return { reply: JSON.stringify({ question: request.messages.at(-1)!.content.replace(/^[\s\S]*Latest message: /, ""), queries: [] }) };
      modelStarts.push(performance.now());
      return { reply: REPLY, delayMs: MODEL_DELAY_MS };
    });
    const started = performance.now();
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        i % 4 === 0 ? askSlack("mention") : i % 4 === 1 ? askSlack("dm") : i % 4 === 2 ? askTeams("channel") : askTeams("personal"),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(results.map(() => 200));
    const outcomes = await settled(results.map((r) => r.asked));
    const elapsed = performance.now() - started;

    for (const [i, result] of outcomes.entries()) {
      expect({ question: i, finals: result.finals, messages: result.messages }).toEqual({ question: i, finals: 1, messages: 1 });
      expect(result.text).toContain("handbook answers this");
    }
    // Admission held: never more than SLOTS answers with the model at once (those started within one
    // answer's time of each other are certainly all in flight), so 40 take at least 10 rounds.
    expect(modelStarts).toHaveLength(40);
    const together = Math.max(...modelStarts.map((t) => modelStarts.filter((s) => s <= t && s > t - MODEL_DELAY_MS).length));
    expect(together).toBeLessThanOrEqual(SLOTS);
    expect(elapsed).toBeGreaterThanOrEqual((40 / SLOTS) * MODEL_DELAY_MS);
    // At most 4 answered at once: askers who waited were told so — in Slack by the thread's status, in a
    // Teams channel by a message before the answer (a 1:1 chat's stream already shows progress).
    const told = [...slackQueueNotices(slack)];
    expect(told.length).toBeGreaterThanOrEqual(1);
    const statuses = slack.callsTo("assistant.threads.setStatus").filter((c) => `${c.args.channel_id}:${c.args.thread_ts}` === told[0]);
    expect(statuses.map((c) => c.args.loading_messages?.[0] ?? c.args.status)).toEqual([
      expect.stringMatching(/looking/),
      expect.stringMatching(/yours is .* in line/),
    ]);
    const toldInTeams = [...teamsQueueNotices(connector)];
    expect(toldInTeams.length).toBeGreaterThanOrEqual(1);
    for (const conversation of toldInTeams) {
      const messages = connector.received.filter((a) => a.conversationId === conversation && a.body.type === "message");
      expect(messages.map((a) => isQueueNotice(a.body.text))).toEqual([true, false]);
    }
    expect(logs.filter((line) => line.level >= 50)).toEqual([]);
  }, 20_000);

  it("answers one person's first 3 questions in a minute and politely declines the next 2, each in its thread", async () => {
    model.script(() => ({ reply: REPLY, delayMs: 20 }));
    const asked: Asked[] = [];
    for (let i = 0; i < 5; i++) {
      const { asked: one, status } = await askSlack("mention", "U0EAGER01");
      expect(status).toBe(200);
      asked.push(one);
    }
    const outcomes = await settled(asked);
    expect(outcomes.map((o) => o.finals)).toEqual([1, 1, 1, 1, 1]);
    const declined = outcomes.filter((o) => o.text.includes("faster than I can keep up"));
    const answered = outcomes.filter((o) => o.text.includes("handbook answers this"));
    expect(declined).toHaveLength(2);
    expect(answered).toHaveLength(3);
    for (const [i, a] of asked.entries()) {
      if (a.platform !== "slack") continue;
      expect(
        slack.thread(a.channel, a.ts).every((m) => m.thread_ts === a.ts),
        `question ${i} answered in its own thread`,
      ).toBe(true);
    }
    expect(logs.filter((line) => line.msg === "a user went over the question rate limit")).toHaveLength(2);
  });

  it("waits out Slack's 429s on the stream calls and on chat.postMessage, and still answers exactly once", async () => {
    // A reply that streams in pieces, so the answer needs chat.startStream, chat.appendStream and chat.stopStream.
    model.script(() => ({ reply: `${REPLY} It also says where to ask for more help.`, chunkSize: 12, chunkDelayMs: 40 }));
    for (const method of ["chat.startStream", "chat.appendStream", "chat.stopStream"]) slack.fail(method, { status: 429, retryAfter: 1 });
    const burst = (
      await Promise.all([askSlack("mention"), askSlack("dm"), askSlack("mention"), askSlack("dm"), askTeams("personal"), askTeams("channel")])
    ).map((r) => r.asked);
    const outcomes = await settled(burst);
    expect(outcomes.map((o) => [o.finals, o.messages])).toEqual(burst.map(() => [1, 1]));
    for (const method of ["chat.startStream", "chat.appendStream", "chat.stopStream"])
      expect(
        slack.callsTo(method).filter((c) => c.status === 429),
        method,
      ).toHaveLength(1);

    // chat.startStream refused four times (the Web client gives up after three retries): the answer falls
    // back to one chat.postMessage, which survives two rate limits in a row.
    slack.fail("chat.startStream", { status: 429, retryAfter: 1 }, 4);
    slack.fail("chat.postMessage", { status: 429, retryAfter: 1 }, 2);
    const { asked } = await askSlack("dm");
    const [fallback] = await settled([asked]);
    expect(fallback).toMatchObject({ finals: 1, messages: 1 });
    expect(callsInThread("chat.startStream", asked).map((c) => c.status)).toEqual([429, 429, 429, 429]);
    expect(callsInThread("chat.postMessage", asked).map((c) => c.status)).toEqual([429, 429, 200]);
    expect(fallback!.text).toContain("handbook answers this");
  }, 30_000);

  it("logs Slack's 500s, falls back where it can, and keeps serving", async () => {
    model.script(() => ({ reply: REPLY }));
    // chat.stopStream fails (and its three retries): the streamed message is replaced with chat.update.
    slack.fail("chat.stopStream", { status: 500 }, 4);
    const replaced = (await askSlack("dm")).asked;
    const [afterStop] = await settled([replaced]);
    expect(afterStop).toMatchObject({ finals: 1, messages: 1 });
    expect(callsInThread("chat.update", replaced).map((c) => c.status)).toEqual([200]);

    // Streaming and posting both fail: nothing can reach the thread, and the log says so.
    slack.fail("chat.startStream", { status: 500 }, 4);
    slack.fail("chat.postMessage", { status: 500 }, 4);
    const lost = (await askSlack("mention")).asked as Extract<Asked, { platform: "slack" }>;
    const gaveUp = await slack.waitFor(
      () => logs.find((line) => line.msg === "could not post the reply in the thread" && line.thread === lost.ts),
      "the error in the log",
    );
    expect(gaveUp.level).toBe(50);
    expect(outcome(lost).finals).toBe(0);

    // The process is still serving both platforms.
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    const after = (await Promise.all([askSlack("mention"), askSlack("dm"), askTeams("personal"), askTeams("channel")])).map((r) => r.asked);
    expect((await settled(after)).map((o) => o.finals)).toEqual([1, 1, 1, 1]);
  }, 20_000);
});
