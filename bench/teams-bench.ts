import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { pino } from "pino";
import { createTeamsAdapter } from "../adapters/teams/create-teams-adapter.ts";
import { loadConfig } from "../src/config.ts";
import { createCoreDependencies } from "../src/core/create-core.ts";
import { loadEnglishWords } from "../src/shared/english-words.ts";
import { createDocentCore } from "../src/core/docent-core.ts";
import { createFeedbackStore } from "../src/feedback/feedback-store.ts";
import { openIndex } from "../src/retrieval/open-index.ts";
import { syncSources } from "../src/retrieval/sync-sources.ts";
import { startServer } from "../src/server/start-server.ts";
import { startFakeModelServer } from "../test/helpers/fake-model-server.ts";
import { startFakeTeamsConnector } from "../test/helpers/fake-teams-connector.ts";
import { percentile, type Metrics } from "./metrics.ts";

const CORPUS = resolve(import.meta.dirname, "../../shared/data/corpus-18f-handbook");
const IN_FLIGHT = 50;
const MODEL_DELAY_MS = 500;
const SETTLE_MS = 2_000;
const LOAD_FLAG = "--teams-load";
const run = promisify(execFile);
const QUESTIONS = [
  "how much paid parental leave do I get?",
  "how do I request time off?",
  "who approves my travel?",
  "how do I get a laptop?",
  "what is the policy on working remotely?",
];

/**
 * Teams under load: 50 activities posted at once (half channel @mentions, half 1:1 chats) to the real
 * server, with the model server answering each question after 500 ms. Measured: the time to each POST's
 * HTTP response (Teams retries slow ones, so the turn must be acknowledged before the answer is written)
 * and the time until the connector receives the first typing activity of that conversation.
 *
 * Teams' side (the posting client and the connector that receives the bot's replies) runs in a child
 * process, as it is another machine in production: in one process its own HTTP work would queue behind
 * the bot's and count as the bot's latency.
 */
export async function benchTeams(metrics: Metrics, quick: boolean): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "docent-teams-bench-"));
  const logger = pino({ level: "silent" });
  const model = await startFakeModelServer();
  model.script(() => ({ reply: "The handbook covers this in the first source [1].", delayMs: MODEL_DELAY_MS }));
  const index = await openIndex(join(dir, "db"));
  try {
    await syncSources(index, [{ name: "18f", type: "folder", path: CORPUS, include: ["pages/**"], collection: "default", prettyUrls: false }], { logger });
    const config = loadConfig({ PORT: "0", DOCENT_DB: join(dir, "db"), OPENAI_BASE_URL: model.url, DOCENT_CHAT_MODEL: "fake-chat" }, dir);
    // Read before the first request, as startDocent does for a server.
    loadEnglishWords();
    const core = createDocentCore(createCoreDependencies(config, index, logger, null), createFeedbackStore(index.connection));
    const adapter = (await createTeamsAdapter({ config, core, logger }))!;
    const server = await startServer({ port: 0, host: "127.0.0.1", routes: adapter.routes, health: () => ({ ready: true, status: "ok" }), logger });
    try {
      const runner = resolve(import.meta.dirname, "../bin/run-ts.js");
      const { stdout } = await run(process.execPath, [runner, fileURLToPath(import.meta.url), LOAD_FLAG, server.url, String(quick ? 1 : 3)], {
        maxBuffer: 1024 * 1024,
      });
      const { acks, typings } = JSON.parse(stdout) as { acks: number[]; typings: number[] };
      metrics.add("teams_ack_p50_ms", percentile(acks, 50), "ms", 50, "lower");
      metrics.add("teams_ack_p99_ms", percentile(acks, 99), "ms", 50, "lower");
      metrics.add("teams_first_typing_p50_ms", percentile(typings, 50), "ms", 300, "lower");
      metrics.add("teams_first_typing_p99_ms", percentile(typings, 99), "ms", 300, "lower");
    } finally {
      await adapter.stop?.();
      await server.close(1_000);
    }
  } finally {
    index.close();
    await model.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Teams' side: posts rounds of 50 activities at once and times each POST's response and first typing.
 * Requests go over raw sockets opened beforehand, all written in one go: a full HTTP client's own work
 * (fetch costs about a millisecond a request) would otherwise stagger the 50 and count as the bot's time.
 */
async function loadTeamsEndpoint(serverUrl: string, rounds: number): Promise<{ acks: number[]; typings: number[] }> {
  const connector = await startFakeTeamsConnector();
  const { hostname, port } = new URL(serverUrl);
  let sequence = 0;
  const activityFor = (question: string, personal: boolean) => {
    const id = String(1_800_000_000_000 + ++sequence);
    const conversation = personal
      ? { id: `a:bench-chat-${sequence}`, conversationType: "personal", tenantId: "tid" }
      : { id: `19:bench@thread.tacv2;messageid=${id}`, conversationType: "channel", isGroup: true, tenantId: "tid" };
    const bot = { id: "28:bench-bot", name: "KB Bot" };
    const mention = `<at>${bot.name}</at>`;
    return {
      type: "message",
      id,
      channelId: "msteams",
      serviceUrl: connector.serviceUrl,
      text: personal ? question : `${mention} ${question}`,
      from: { id: `29:user-${sequence}`, aadObjectId: `user-${sequence}` },
      recipient: bot,
      conversation,
      entities: personal ? [] : [{ type: "mention", text: mention, mentioned: bot }],
    };
  };
  const burst = async (count: number) => {
    const activities = Array.from({ length: count }, (_, i) => activityFor(QUESTIONS[i % QUESTIONS.length]!, i % 2 === 0));
    const sockets = await Promise.all(
      activities.map(
        () =>
          new Promise<Socket>((resolve, reject) =>
            connect({ host: hostname, port: Number(port) }, function (this: Socket) {
              resolve(this);
            }).once("error", reject),
          ),
      ),
    );
    const requests = activities.map((activity) => {
      const body = JSON.stringify(activity);
      return `POST /api/messages HTTP/1.1\r\nhost: ${hostname}:${port}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`;
    });
    const typings = activities.map((a) => connector.waitFor((r) => r.conversationId === a.conversation.id && r.body.type === "typing", 30_000));
    const answers = activities.map((a) => connector.waitFor((r) => r.conversationId === a.conversation.id && r.body.type === "message", 60_000));
    const sent: number[] = [];
    const acked = sockets.map(
      (socket, i) =>
        new Promise<number>((resolve, reject) => {
          socket.once("data", (chunk: Buffer) => {
            const ms = performance.now() - sent[i]!;
            const status = chunk.toString("latin1", 9, 12);
            socket.destroy();
            if (status === "200") resolve(ms);
            else reject(new Error(`the Teams endpoint answered ${status}`));
          });
          socket.once("error", reject);
        }),
    );
    sockets.forEach((socket, i) => {
      sent[i] = performance.now();
      socket.write(requests[i]!);
    });
    const acks = await Promise.all(acked);
    const typingMs = (await Promise.all(typings)).map((typing, i) => typing.at - sent[i]!);
    await Promise.all(answers);
    return { acks, typings: typingMs };
  };
  try {
    // A first full burst warms up what only a burst exercises (JIT of the hot paths, 50 connections to the
    // connector, LanceDB's readers); steady state is what is measured.
    await burst(IN_FLIGHT);
    const acks: number[] = [];
    const typings: number[] = [];
    for (let round = 0; round < rounds; round++) {
      // Let the previous burst's answers and their feedback-store writes finish: each round starts on an idle bot.
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      const result = await burst(IN_FLIGHT);
      acks.push(...result.acks);
      typings.push(...result.typings);
    }
    return { acks, typings };
  } finally {
    await connector.close();
  }
}

// Run as the load client: `node bin/run-ts.js bench/teams-bench.ts --teams-load URL ROUNDS`.
if (process.argv[2] === LOAD_FLAG && process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = await loadTeamsEndpoint(process.argv[3]!, Number(process.argv[4] ?? 1));
  process.stdout.write(JSON.stringify(result));
}
