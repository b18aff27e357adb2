import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSlackAdapter } from "../../adapters/slack/create-slack-adapter.ts";
import type { FakeSlackApi } from "../helpers/fake-slack-api.ts";
import { deliverToSlackApp, startFakeSlackApi } from "../helpers/fake-slack-api.ts";
import { startRedis, type TestRedis } from "../helpers/start-redis.ts";
import { startTestDocent } from "../helpers/start-test-docent.ts";
import { tempDir } from "../helpers/corpus.ts";
import { CHANNEL, channelMessageEvent, eventCallback, mentionEvent } from "../adapters/slack/slack-payloads.ts";

const SIGNING_SECRET = "replica-signing-secret-0000000000";

/** Two (or more) Docent servers, each with its own index of the sample knowledge base, sharing one Redis. */
describe("several replicas on one Redis", () => {
  let redis: TestRedis;
  let fake: FakeSlackApi;
  const replica = () =>
    startTestDocent({
      adapters: [createSlackAdapter],
      env: {
        DOCENT_REDIS_URL: redis.url,
        SLACK_BOT_TOKEN: "xoxb-replica-test",
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: fake.url.replace(/\/api\/$/, ""),
      },
    });
  const send = (docent: { url: string }, payload: unknown, retryNum?: number) =>
    deliverToSlackApp(`${docent.url}/slack/events`, payload, { signingSecret: SIGNING_SECRET, retryNum });
  /** Long enough for a duplicate answer, had there been one, to reach the thread. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));
  /** The bot's finished answers in a thread (they end in the feedback buttons). */
  const answersIn = (threadTs: string) => fake.thread(CHANNEL, threadTs).filter((m) => !m.streaming && m.blocks.some((b) => b.type === "context_actions"));

  beforeAll(async () => {
    redis = await startRedis();
    fake = await startFakeSlackApi();
  });
  afterAll(async () => {
    await fake?.close();
    await redis?.stop();
  });

  it("answers a Slack event once when its retry lands on the other replica, and either replica takes the thread's follow-up, also after both restart", async () => {
    let [a, b] = await Promise.all([replica(), replica()]);
    try {
      const mention = mentionEvent({ text: "how many days of paid time off do I get?" });
      const delivery = eventCallback(mention);
      expect((await send(a.docent, delivery)).status).toBe(200);
      expect((await send(b.docent, delivery, 1)).status).toBe(200);
      await fake.waitFor(() => answersIn(mention.ts).length >= 1, "the answer to the mention");
      await settle();
      expect(answersIn(mention.ts)).toHaveLength(1);

      // A reply in the thread without a mention: only a replica that knows the thread answers it.
      const followUp = channelMessageEvent({ text: "can I carry unused days over to next year?", thread_ts: mention.ts });
      expect((await send(b.docent, eventCallback(followUp))).status).toBe(200);
      await fake.waitFor(() => answersIn(mention.ts).length >= 2, "the answer to the follow-up on the other replica");
      await settle();
      expect(answersIn(mention.ts)).toHaveLength(2);

      await Promise.all([a.stop(), b.stop()]);
      [a, b] = await Promise.all([replica(), replica()]);
      const later = channelMessageEvent({ text: "and what about public holidays?", thread_ts: mention.ts });
      expect((await send(a.docent, eventCallback(later))).status).toBe(200);
      await fake.waitFor(() => answersIn(mention.ts).length >= 3, "the answer to a follow-up after both replicas restarted");
      await settle();
      expect(answersIn(mention.ts)).toHaveLength(3);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  }, 120_000);

  it("rebuilds a thread's history from Slack when no replica remembers it, asking Slack once", async () => {
    const noRedis = { SLACK_BOT_TOKEN: "xoxb-replica-test", SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.url.replace(/\/api\/$/, "") };
    const first = await startTestDocent({ adapters: [createSlackAdapter], env: noRedis });
    const mention = mentionEvent({ text: "how many days of paid time off do I get?" });
    fake.said({ channel: CHANNEL, ts: mention.ts, user: mention.user, text: mention.text });
    await send(first.docent, eventCallback(mention));
    await fake.waitFor(() => answersIn(mention.ts).length >= 1, "the answer to the mention");
    await first.stop();

    // A restart without shared state forgets the thread; Slack still has it.
    const second = await startTestDocent({ adapters: [createSlackAdapter], env: noRedis });
    try {
      const repliesBefore = fake.callsTo("conversations.replies").length;
      for (const [i, text] of ["can I carry unused days over?", "and how do I request them?"].entries()) {
        const followUp = channelMessageEvent({ text, thread_ts: mention.ts });
        fake.said({ channel: CHANNEL, ts: followUp.ts, thread_ts: mention.ts, user: followUp.user, text });
        await send(second.docent, eventCallback(followUp));
        await fake.waitFor(() => answersIn(mention.ts).length >= i + 2, `the answer to follow-up ${i + 1} after the restart`);
      }
      expect(fake.callsTo("conversations.replies").slice(repliesBefore)).toEqual([
        expect.objectContaining({ args: expect.objectContaining({ channel: CHANNEL, ts: mention.ts }) }),
      ]);
    } finally {
      await second.stop();
    }
  }, 60_000);

  it("has one writer: a replica started with DOCENT_INDEX_WRITER=false never syncs, and serves the writer's index version", async () => {
    const dir = await tempDir();
    const env = { DOCENT_DB: join(dir.path, "db"), DOCENT_REDIS_URL: redis.url };
    const writer = await startTestDocent({ adapters: [], env });
    const reader = await startTestDocent({ adapters: [], env: { ...env, DOCENT_INDEX_WRITER: "false" } });
    try {
      const health = async (docent: { url: string }) => (await fetch(`${docent.url}/healthz`)).json();
      const written = (await health(writer.docent)).index.version;
      expect(written).toMatchObject({ number: expect.any(Number), committedAt: expect.any(String) });
      expect((await health(reader.docent)).index).toMatchObject({ documents: (await health(writer.docent)).index.documents, version: written });
      await expect(reader.docent.sync()).rejects.toThrow(/only reads the index \(DOCENT_INDEX_WRITER=false\)/);
    } finally {
      await reader.stop();
      await writer.stop();
      await dir.remove();
    }
  }, 60_000);

  it("keeps answering while Redis is down, and says so in /healthz", async () => {
    const own = await startRedis();
    const docent = await startTestDocent({
      adapters: [createSlackAdapter],
      env: {
        DOCENT_REDIS_URL: own.url,
        SLACK_BOT_TOKEN: "xoxb-replica-test",
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: fake.url.replace(/\/api\/$/, ""),
      },
    });
    try {
      expect(await (await fetch(`${docent.docent.url}/healthz`)).json()).toMatchObject({ sharedState: { status: "ok" } });
      await own.kill();
      const mention = mentionEvent({ text: "how do I book travel?" });
      expect((await send(docent.docent, eventCallback(mention))).status).toBe(200);
      await fake.waitFor(() => answersIn(mention.ts).length >= 1, "the answer while Redis is down");
      const health = await (await fetch(`${docent.docent.url}/healthz`)).json();
      expect(health).toMatchObject({ status: "degraded", sharedState: { status: "degraded" } });
      expect(health.reason).toMatch(/shared state \(Redis\) unreachable since/);
    } finally {
      await docent.stop();
      await own.stop();
    }
  }, 60_000);
});
