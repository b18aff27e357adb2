import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import { createSlackAdapter } from "../adapters/slack/create-slack-adapter.ts";
import { loadConfig } from "../src/config.ts";
import { silentLogger } from "../src/logger.ts";
import { startDocent, type DocentServer } from "../src/server/start-docent.ts";
import { CHANNEL, eventCallback, mentionEvent } from "../test/adapters/slack/slack-payloads.ts";
import { startFakeModelServer } from "../test/helpers/fake-model-server.ts";
import { deliverToSlackApp, startFakeSlackApi } from "../test/helpers/fake-slack-api.ts";
import { startRedis } from "../test/helpers/start-redis.ts";
import type { Metrics } from "./metrics.ts";

const SAMPLE_KNOWLEDGE = resolve(import.meta.dirname, "../knowledge");
const SIGNING_SECRET = "replicas-bench-signing-secret-000";
const MODEL_DELAY_MS = 500;
const QUESTIONS = ["how many days of paid time off do I get?", "how do I book travel?", "what is the per diem for meals?", "how do I reset my password?"];

/**
 * Answered questions per second with one replica and with two sharing Redis, the model taking 500 ms per
 * call: each replica has its own answering slots, so a second one should nearly double what gets answered.
 */
export async function benchReplicas(dir: string, metrics: Metrics, quick: boolean): Promise<void> {
  if (spawnSync("sh", ["-c", "command -v redis-server"]).status !== 0) {
    process.stderr.write("bench: replicas skipped: redis-server is not installed (apt-get install redis-server)\n");
    return;
  }
  const [redis, slack, model] = await Promise.all([startRedis(), startFakeSlackApi(), startFakeModelServer()]);
  model.script(() => ({ reply: "The handbook covers this [1].", delayMs: MODEL_DELAY_MS }));
  const count = quick ? 32 : 96;
  try {
    const rates: number[] = [];
    for (const replicas of [1, 2]) {
      const servers: DocentServer[] = [];
      for (let i = 0; i < replicas; i++) {
        const env = {
          PORT: "0",
          DOCENT_DB: join(dir, `replicas-${replicas}-${i}`),
          DOCENT_REDIS_URL: redis.url,
          DOCENT_WATCH: "false",
          DOCENT_RATE_LIMIT_PER_MINUTE: "100000",
          OPENAI_BASE_URL: model.url,
          OPENAI_API_KEY: "bench",
          SLACK_BOT_TOKEN: "xoxb-replicas-bench",
          SLACK_SIGNING_SECRET: SIGNING_SECRET,
          SLACK_API_URL: slack.url.replace(/\/api\/$/, ""),
        };
        const config = loadConfig(env, dir);
        config.sources = [{ name: "knowledge", type: "folder", path: SAMPLE_KNOWLEDGE, collection: "default", prettyUrls: false }];
        servers.push(await startDocent({ config, logger: silentLogger(), embedder: null, adapters: [createSlackAdapter] }));
      }
      const events = Array.from({ length: count }, (_, i) => eventCallback(mentionEvent({ text: QUESTIONS[i % QUESTIONS.length]! })));
      const answered = (ts: string) => slack.thread(CHANNEL, ts).some((m) => !m.streaming && m.blocks.some((b) => b.type === "context_actions"));
      const started = performance.now();
      await Promise.all(
        events.map((delivery, i) => deliverToSlackApp(`${servers[i % replicas]!.url}/slack/events`, delivery, { signingSecret: SIGNING_SECRET })),
      );
      await slack.waitFor(() => events.every((e) => answered(e.event.ts)), `answers to ${count} questions on ${replicas} replica(s)`, 120_000);
      rates.push(count / ((performance.now() - started) / 1000));
      for (const server of servers) await server.stop();
    }
    metrics.add("replicas_1_answers_per_s", rates[0]!, "questions/s", 6, "higher");
    metrics.add("replicas_2_answers_per_s", rates[1]!, "questions/s", 12, "higher");
    metrics.add("replicas_2_throughput_ratio", rates[1]! / rates[0]!, "x", 1.6, "higher");
  } finally {
    await Promise.all([slack.close(), model.close(), redis.stop()]);
  }
}
