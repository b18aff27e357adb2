import { fork, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { pino } from "pino";
import { createSlackAdapter } from "../adapters/slack/create-slack-adapter.ts";
import { loadConfig } from "../src/config.ts";
import { createCoreDependencies } from "../src/core/create-core.ts";
import { loadEnglishWords } from "../src/shared/english-words.ts";
import { createDocentCore } from "../src/core/docent-core.ts";
import { createFeedbackStore } from "../src/feedback/feedback-store.ts";
import { openIndex } from "../src/retrieval/open-index.ts";
import { syncSources } from "../src/retrieval/sync-sources.ts";
import { startServer } from "../src/server/start-server.ts";
import { startFakeModelServer } from "../test/helpers/fake-model-server.ts";
import { signSlackRequest, startFakeSlackApi, type FakeSlackApi } from "../test/helpers/fake-slack-api.ts";
import { directMessageEvent, eventCallback, mentionEvent } from "../test/adapters/slack/slack-payloads.ts";
import { percentile, type Metrics } from "./metrics.ts";

const CORPUS = resolve(import.meta.dirname, "../../shared/data/corpus-18f-handbook");
const IN_FLIGHT = 50;
const MODEL_DELAY_MS = 500;
/** A question's chat requests with a model configured: the search plan, then the answer. */
export const MODEL_CALLS_PER_QUESTION = 2;
const SIGNING_SECRET = "bench-signing-secret-0123456789ab";
const LOAD_FLAG = "--slack-load";
export const QUESTIONS = [
  "how much paid parental leave do I get?",
  "how do I request time off?",
  "who approves my travel?",
  "how do I get a laptop?",
  "what is the policy on working remotely?",
];

type FromLoader =
  | { type: "ready"; slackApiUrl: string }
  | { type: "result"; acks: number[]; signs: number[]; answers: number[] }
  | { type: "error"; message: string };
type ToLoader = { type: "go"; eventsUrl: string; rounds: number };

/**
 * Slack under load: 50 signed events posted at once (half channel mentions, half DMs) to the real
 * server, with the model server answering each question after 500 ms. Measured: the time to each POST's
 * HTTP 200 (Slack retries after 3 s, so the event must be acked before any answering starts), the time
 * until Slack's Web API receives that thread's first sign of work (the loading status, or a placeholder),
 * and, for information, the time until the final answer is in the thread.
 *
 * Slack's side (the client posting events and the Web API the bot calls) runs in a child process, as it
 * is another machine in production; in one process its HTTP work would queue behind the bot's and count
 * as the bot's latency.
 */
export async function benchSlack(metrics: Metrics, quick: boolean): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "docent-slack-bench-"));
  const logger = pino({ level: "silent" });
  const model = await startFakeModelServer();
  model.script(() => ({ reply: "The handbook covers this in the first source [1].", delayMs: MODEL_DELAY_MS }));
  const index = await openIndex(join(dir, "db"));
  const loader = fork(resolve(import.meta.dirname, "../bin/run-ts.js"), [fileURLToPath(import.meta.url), LOAD_FLAG], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  try {
    const ready = await nextMessage(loader);
    if (ready.type !== "ready") throw new Error(`the Slack load client failed: ${ready.type === "error" ? ready.message : ready.type}`);
    await syncSources(index, [{ name: "18f", type: "folder", path: CORPUS, include: ["pages/**"], collection: "default", prettyUrls: false }], { logger });
    const config = loadConfig(
      {
        PORT: "0",
        DOCENT_DB: join(dir, "db"),
        OPENAI_BASE_URL: model.url,
        DOCENT_CHAT_MODEL: "fake-chat",
        SLACK_BOT_TOKEN: "xoxb-bench",
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: ready.slackApiUrl,
      },
      dir,
    );
    // Read before the first request, as startDocent does for a server.
    loadEnglishWords();
    const core = createDocentCore(createCoreDependencies(config, index, logger, null), createFeedbackStore(index.connection));
    const adapter = (await createSlackAdapter({
      config,
      core,
      logger,
      docent: () => {
        throw new Error("unused");
      },
    }))!;
    const server = await startServer({ port: 0, host: "127.0.0.1", routes: adapter.routes, health: () => ({ ready: true, status: "ok" }), logger });
    await adapter.start?.();
    try {
      loader.send({ type: "go", eventsUrl: `${server.url}/slack/events`, rounds: quick ? 1 : 3 } satisfies ToLoader);
      const result = await nextMessage(loader);
      if (result.type !== "result") throw new Error(`the Slack load client failed: ${result.type === "error" ? result.message : result.type}`);
      metrics.add("slack_ack_p50_ms", percentile(result.acks, 50), "ms", 50, "lower");
      metrics.add("slack_ack_p99_ms", percentile(result.acks, 99), "ms", 50, "lower");
      metrics.add("slack_first_sign_p50_ms", percentile(result.signs, 50), "ms", 300, "lower");
      metrics.add("slack_first_sign_p99_ms", percentile(result.signs, 99), "ms", 1000, "lower");
      // The answers are model-bound: 50 at once through the answering slots, each costing the model two calls (the
      // search plan, then the answer). The median asker's answer comes no sooner than its wave's calls; the target allows 1.5x.
      const medianWave = Math.floor((Math.ceil(IN_FLIGHT / 2) - 1) / config.limits.maxConcurrent) + 1;
      const answerTarget = 1.5 * medianWave * MODEL_CALLS_PER_QUESTION * MODEL_DELAY_MS;
      metrics.add("slack_answer_p50_ms", percentile(result.answers, 50), "ms", answerTarget, "lower");
    } finally {
      await adapter.stop?.();
      await server.close(1_000);
    }
  } finally {
    loader.kill();
    index.close();
    await model.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export function nextMessage<T = FromLoader>(child: ChildProcess, who = "the Slack load client"): Promise<T> {
  return new Promise((resolvePromise, reject) => {
    const onExit = (code: number | null) => reject(new Error(`${who} exited (code ${code})`));
    child.once("exit", onExit);
    child.once("message", (message) => {
      child.off("exit", onExit);
      resolvePromise(message as T);
    });
  });
}

/**
 * Slack's side: the fake Web API, and rounds of 50 signed events written at once over sockets opened
 * beforehand (a full HTTP client's own work would stagger the 50 and count as the bot's time).
 */
async function loadSlackEndpoint(fake: FakeSlackApi, eventsUrl: string, rounds: number): Promise<{ acks: number[]; signs: number[]; answers: number[] }> {
  const { hostname, port } = new URL(eventsUrl);
  let sequence = 0;
  const burst = async (count: number) => {
    const events = Array.from({ length: count }, (_, i) => {
      const text = `${QUESTIONS[i % QUESTIONS.length]!} (${++sequence})`;
      // Fifty different people: the core limits how many questions one person may ask a minute.
      const user = `U0BENCH${sequence}`;
      return i % 2 === 0 ? mentionEvent({ text, user, channel: `C0BENCH${sequence}` }) : directMessageEvent({ text, user, channel: `D0BENCH${sequence}` });
    });
    const timestamp = Math.floor(Date.now() / 1000);
    const requests = events.map((event) => {
      const body = JSON.stringify(eventCallback(event));
      return (
        `POST ${new URL(eventsUrl).pathname} HTTP/1.1\r\nhost: ${hostname}:${port}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
        `x-slack-request-timestamp: ${timestamp}\r\nx-slack-signature: ${signSlackRequest(SIGNING_SECRET, timestamp, body)}\r\nconnection: close\r\n\r\n${body}`
      );
    });
    const sockets = await Promise.all(
      events.map(
        () =>
          new Promise<Socket>((ok, fail) =>
            connect({ host: hostname, port: Number(port) }, function (this: Socket) {
              ok(this);
            }).once("error", fail),
          ),
      ),
    );
    const sent: number[] = [];
    const acked = sockets.map(
      (socket, i) =>
        new Promise<number>((ok, fail) => {
          socket.once("data", (chunk: Buffer) => {
            const ms = performance.now() - sent[i]!;
            const status = chunk.toString("latin1", 9, 12);
            socket.destroy();
            if (status === "200") ok(ms);
            else fail(new Error(`the Slack endpoint answered ${status}`));
          });
          socket.once("error", fail);
        }),
    );
    sockets.forEach((socket, i) => {
      sent[i] = performance.now();
      socket.write(requests[i]!);
    });
    const acks = await Promise.all(acked);
    const signs = await Promise.all(
      events.map(async (event, i) => {
        const sign = await fake.waitFor(
          () =>
            fake.calls.find(
              (c) =>
                (c.method === "assistant.threads.setStatus" || c.method === "chat.postMessage") &&
                (c.args.channel_id ?? c.args.channel) === event.channel &&
                c.args.thread_ts === event.ts,
            ),
          `the first sign of work for ${event.ts}`,
          30_000,
        );
        return sign.at - sent[i]!;
      }),
    );
    const answers = await Promise.all(
      events.map(async (event, i) => {
        await fake.waitFor(
          () => fake.thread(event.channel, event.ts).some((m) => !m.streaming && m.blocks.some((b) => b.type === "context_actions")),
          `the answer to ${event.ts}`,
          60_000,
        );
        return performance.now() - sent[i]!;
      }),
    );
    return { acks, signs, answers };
  };
  // Warm up (JIT, LanceDB caches, the model client's connections) outside the measurement.
  await burst(4);
  const all = { acks: [] as number[], signs: [] as number[], answers: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    const result = await burst(IN_FLIGHT);
    all.acks.push(...result.acks);
    all.signs.push(...result.signs);
    all.answers.push(...result.answers);
  }
  return all;
}

// Run as the load client (forked by benchSlack): `node bin/run-ts.js bench/slack-bench.ts --slack-load`.
if (process.argv[2] === LOAD_FLAG && process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url) && process.send) {
  const send = (message: FromLoader) => process.send!(message);
  const fake = await startFakeSlackApi();
  process.once("message", async (message: ToLoader) => {
    try {
      send({ type: "result", ...(await loadSlackEndpoint(fake, message.eventsUrl, message.rounds)) });
    } catch (error) {
      send({ type: "error", message: (error as Error).message });
    } finally {
      await fake.close();
      process.disconnect();
    }
  });
  send({ type: "ready", slackApiUrl: fake.url });
}
