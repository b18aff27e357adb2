import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pino } from "pino";
import { createTeamsAdapter } from "../adapters/teams/create-teams-adapter.ts";
import { loadConfig } from "../src/config.ts";
import { createCoreDependencies } from "../src/core/create-core.ts";
import { createDocentCore } from "../src/core/docent-core.ts";
import { createFeedbackStore } from "../src/feedback/feedback-store.ts";
import { openIndex } from "../src/retrieval/open-index.ts";
import { syncSources } from "../src/retrieval/sync-sources.ts";
import { startServer } from "../src/server/start-server.ts";
import { startFakeModelServer } from "../test/helpers/fake-model-server.ts";
import { startFakeTeamsConnector, type ReceivedActivity } from "../test/helpers/fake-teams-connector.ts";
import { percentile, type Metrics } from "./metrics.ts";

const CORPUS = resolve(import.meta.dirname, "../../shared/data/corpus-18f-handbook");
const IN_FLIGHT = 50;
const MODEL_DELAY_MS = 500;
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
 */
export async function benchTeams(metrics: Metrics, quick: boolean): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "docent-teams-bench-"));
  const logger = pino({ level: "silent" });
  const model = await startFakeModelServer();
  model.script(() => ({ reply: "The handbook covers this in the first source [1].", delayMs: MODEL_DELAY_MS }));
  const connector = await startFakeTeamsConnector();
  const index = await openIndex(join(dir, "db"));
  try {
    await syncSources(index, [{ name: "18f", type: "folder", path: CORPUS, include: ["pages/**"], collection: "default", prettyUrls: false }], { logger });
    const config = loadConfig({ PORT: "0", DOCENT_DB: join(dir, "db"), OPENAI_BASE_URL: model.url, DOCENT_CHAT_MODEL: "fake-chat" }, dir);
    const core = createDocentCore(createCoreDependencies(config, index, logger, null), createFeedbackStore(index.connection));
    const adapter = (await createTeamsAdapter({ config, core, logger, docent: () => { throw new Error("unused"); } }))!;
    const server = await startServer({ port: 0, host: "127.0.0.1", routes: adapter.routes, health: () => ({ ready: true, status: "ok" }), logger });

    let sequence = 0;
    const post = async (question: string, personal: boolean) => {
      const id = String(1_800_000_000_000 + ++sequence);
      const conversation = personal
        ? { id: `a:bench-chat-${sequence}`, conversationType: "personal", tenantId: "tid" }
        : { id: `19:bench@thread.tacv2;messageid=${id}`, conversationType: "channel", isGroup: true, tenantId: "tid" };
      const mention = "<at>KB Bot</at>";
      const activity = {
        type: "message",
        id,
        channelId: "msteams",
        serviceUrl: connector.serviceUrl,
        text: personal ? question : `${mention} ${question}`,
        from: { id: `29:user-${sequence}`, aadObjectId: `user-${sequence}` },
        recipient: { id: "28:bench-bot", name: "KB Bot" },
        conversation,
        entities: personal ? [] : [{ type: "mention", text: mention, mentioned: { id: "28:bench-bot", name: "KB Bot" } }],
      };
      const sent = performance.now();
      const typing = connector.waitFor((a) => a.conversationId === conversation.id && a.body.type === "typing", 30_000);
      const answered = connector.waitFor((a) => a.conversationId === conversation.id && a.body.type === "message", 60_000);
      const response = await fetch(`${server.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(activity) });
      await response.text();
      const ackMs = performance.now() - sent;
      if (response.status !== 200) throw new Error(`the Teams endpoint answered ${response.status}`);
      const firstTyping: ReceivedActivity = await typing;
      await answered;
      return { ackMs, typingMs: firstTyping.at - sent };
    };

    // Warm up (JIT, LanceDB caches) outside the measurement.
    await Promise.all([post(QUESTIONS[0]!, true), post(QUESTIONS[1]!, false)]);
    const acks: number[] = [];
    const typings: number[] = [];
    for (let round = 0; round < (quick ? 1 : 3); round++) {
      const results = await Promise.all(Array.from({ length: IN_FLIGHT }, (_, i) => post(QUESTIONS[i % QUESTIONS.length]!, i % 2 === 0)));
      for (const r of results) {
        acks.push(r.ackMs);
        typings.push(r.typingMs);
      }
    }
    await adapter.stop?.();
    await server.close(1_000);

    metrics.add("teams_ack_p50_ms", percentile(acks, 50), "ms", 50, "lower");
    metrics.add("teams_ack_p99_ms", percentile(acks, 99), "ms", 50, "lower");
    metrics.add("teams_first_typing_p50_ms", percentile(typings, 50), "ms", 300, "lower");
    metrics.add("teams_first_typing_p99_ms", percentile(typings, 99), "ms", 300, "lower");
  } finally {
    index.close();
    await connector.close();
    await model.close();
    await rm(dir, { recursive: true, force: true });
  }
}
