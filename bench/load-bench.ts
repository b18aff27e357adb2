import { fork } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { createSlackAdapter } from "../adapters/slack/create-slack-adapter.ts";
import { createTeamsAdapter } from "../adapters/teams/create-teams-adapter.ts";
import { loadConfig } from "../src/config.ts";
import { createLogger } from "../src/logger.ts";
import { startDocent } from "../src/server/start-docent.ts";
import { slackOutcome, slackQueueNotices, teamsOutcome, teamsQueueNotices, type QuestionOutcome } from "../test/helpers/answer-counts.ts";
import { startFakeModelServer } from "../test/helpers/fake-model-server.ts";
import { signSlackRequest, startFakeSlackApi } from "../test/helpers/fake-slack-api.ts";
import { startFakeTeamsConnector } from "../test/helpers/fake-teams-connector.ts";
import { directMessageEvent, eventCallback, mentionEvent } from "../test/adapters/slack/slack-payloads.ts";
import { channelMention, personalMessage } from "../test/adapters/teams/fixtures/activities.ts";
import { percentile, type Metrics } from "./metrics.ts";
import { CORPUS } from "./retrieval-bench.ts";
import { MODEL_CALLS_PER_QUESTION, nextMessage, QUESTIONS } from "./slack-bench.ts";

const MODEL_DELAY_MS = 500;
const REPLY = "The handbook covers this in the first source [1].";
const SIGNING_SECRET = "load-bench-signing-secret-0123456789";
const SERVICES_FLAG = "--load-services";
const ASKERS_FLAG = "--load-askers";
/** After the last answer, how long the services keep watching for a late duplicate. */
const SETTLE_MS = 1_500;
const ANSWER_TIMEOUT_MS = 120_000;
const APOLOGY_START = "Sorry, I couldn't answer";

/** Milliseconds since the epoch, sub-millisecond: comparable between the processes on this machine. */
const clock = () => performance.timeOrigin + performance.now();

interface Question {
  platform: "slack" | "teams";
  kind: "mention" | "dm" | "channel" | "personal";
  /** Slack: the channel (and `ts`, the thread); Teams: the conversation id. */
  channel: string;
  ts: string;
}
type Ack = { status: number; ms: number; sentAt: number };
type Outcome = Omit<QuestionOutcome, "text"> & { apology: boolean };
interface Watched {
  outcomes: Outcome[];
  queueNotices: { slack: number; teams: number };
  /** When the model server received each chat request during this round (epoch ms). */
  modelStarts: number[];
}

type FromServices =
  | { type: "ready"; slackApiUrl: string; modelUrl: string; serviceUrl: string }
  | { type: "watched"; watched: Watched }
  | { type: "error"; message: string };
type ToServices = { type: "watch"; questions: Question[] };
type FromAskers = { type: "ready" } | { type: "acks"; acks: Ack[] } | { type: "error"; message: string };
type ToAskers = { type: "post"; port: number; requests: string[] };

/**
 * Docent under load: one server with both the Slack (HTTP, signed events) and the Teams (no app id)
 * adapters, over the 18F handbook, the model server answering each question after 500 ms, default limits
 * (8 answering slots, 20 questions per user and minute). 200 questions arrive at once (60 with --quick):
 * half Slack (mentions and DMs), half Teams (channel mentions and 1:1 chats), each from its own person
 * and thread. Measured: each POST's time to its HTTP response, the time until every question has its
 * final answer, Docent's peak memory, and — asserted, the bench fails otherwise — that every question got
 * exactly one final answer.
 *
 * As in the Slack and Teams benches, what is another machine in production runs in child processes, so
 * its work counts neither as the bot's latency nor as its memory: one child plays the services (Slack's
 * Web API, Teams' connector, the model server), another the people asking. They are two so that the
 * askers' stopwatches do not wait behind the services' work, which peaks during the burst.
 */
export async function benchLoad(metrics: Metrics, quick: boolean): Promise<void> {
  const count = quick ? 60 : 200;
  const dir = await mkdtemp(join(tmpdir(), "docent-load-bench-"));
  const problems: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) {
        const entry = JSON.parse(line) as { level: number; msg: string };
        if (entry.level >= 50) problems.push(entry.msg);
      }
      done();
    },
  });
  const logger = createLogger({ level: "error", destination });
  const child = (flag: string) =>
    fork(resolve(import.meta.dirname, "../bin/run-ts.js"), [fileURLToPath(import.meta.url), flag], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const services = child(SERVICES_FLAG);
  const askers = child(ASKERS_FLAG);
  try {
    const [ready, askersReady] = await Promise.all([
      nextMessage<FromServices>(services, "the load bench's services"),
      nextMessage<FromAskers>(askers, "the load bench's askers"),
    ]);
    if (ready.type !== "ready") throw new Error(`the load bench's services failed: ${ready.type === "error" ? ready.message : ready.type}`);
    if (askersReady.type !== "ready")
      throw new Error(`the load bench's askers failed: ${askersReady.type === "error" ? askersReady.message : askersReady.type}`);
    const config = loadConfig(
      {
        PORT: "0",
        DOCENT_DB: join(dir, "db"),
        DOCENT_WATCH: "false",
        OPENAI_BASE_URL: ready.modelUrl,
        DOCENT_CHAT_MODEL: "fake-chat",
        SLACK_BOT_TOKEN: "xoxb-load-bench",
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: ready.slackApiUrl,
      },
      dir,
    );
    config.sources = [{ name: "18f", type: "folder", path: CORPUS, include: ["pages/**"], collection: "default", prettyUrls: false }];
    const slots = config.limits.maxConcurrent;
    // maxRSS is the process's lifetime peak, and earlier bench steps ran in this process too.
    const maxRssBeforeKb = process.resourceUsage().maxRSS;
    const docent = await startDocent({ config, logger, embedder: null, adapters: [createSlackAdapter, createTeamsAdapter] });
    let sampledPeak = process.memoryUsage.rss();
    const sampler = setInterval(() => (sampledPeak = Math.max(sampledPeak, process.memoryUsage.rss())), 20);
    const port = Number(new URL(docent.url).port);
    const round = async (size: number, tag: string) => {
      const questions = buildQuestions(size, ready.serviceUrl, port, tag);
      const watching = nextMessage<FromServices>(services, "the load bench's services");
      services.send({ type: "watch", questions: questions.map(({ request: _, ...question }) => question) } satisfies ToServices);
      askers.send({ type: "post", port, requests: questions.map((q) => q.request) } satisfies ToAskers);
      const [posted, watched] = await Promise.all([nextMessage<FromAskers>(askers, "the load bench's askers"), watching]);
      if (posted.type !== "acks") throw new Error(`the load bench's askers failed: ${posted.type === "error" ? posted.message : posted.type}`);
      if (watched.type !== "watched") throw new Error(`the load bench's services failed: ${watched.type === "error" ? watched.message : watched.type}`);
      return { questions, acks: posted.acks, ...watched.watched };
    };
    let result: Awaited<ReturnType<typeof round>>;
    // How long Docent's event loop was held up at worst: an ack cannot be faster than that.
    const loopDelay = monitorEventLoopDelay({ resolution: 5 });
    let rssAtStartMb = 0;
    try {
      // Warm up what only traffic exercises (JIT, connections, LanceDB's readers) outside the measurement.
      await round(4, "warm");
      await new Promise((resolvePromise) => setTimeout(resolvePromise, 500));
      rssAtStartMb = process.memoryUsage.rss() / 2 ** 20;
      loopDelay.enable();
      result = await round(count, "load");
    } finally {
      loopDelay.disable();
      clearInterval(sampler);
      await docent.stop();
    }
    const maxRssAfterKb = process.resourceUsage().maxRSS;
    // If the load raised the lifetime peak, maxRSS is exact; otherwise the 20 ms samples are the best we know.
    const peakMb = maxRssAfterKb > maxRssBeforeKb ? maxRssAfterKb / 1024 : sampledPeak / 2 ** 20;

    const asked = result.questions.map((q, i) => ({ ...q, ...result.acks[i]!, ...result.outcomes[i]! }));
    const bad = asked.filter((q) => q.status !== 200);
    const lost = asked.filter((q) => q.finals === 0);
    const duplicated = asked.filter((q) => q.finals > 1 || q.messages > 1);
    const apologized = asked.filter((q) => q.apology);
    const once = asked.length - lost.length - duplicated.length;
    const summary = `${once} of ${asked.length} answered exactly once, ${lost.length} lost, ${duplicated.length} duplicated, ${apologized.length} apologies, ${bad.length} non-200 acks`;
    if (bad.length || lost.length || duplicated.length || apologized.length) {
      const sample = [...bad, ...lost, ...duplicated, ...apologized]
        .slice(0, 5)
        .map(
          (q) =>
            `${q.platform} ${q.kind} ${q.channel}${q.ts ? `/${q.ts}` : ""}: ack ${q.status}, ${q.finals} final(s), ${q.messages} message(s)${q.apology ? ", an apology" : ""}`,
        );
      throw new Error(
        `load: not every question was answered exactly once: ${summary}. For example: ${sample.join("; ")}. Docent logged: ${[...new Set(problems)].slice(0, 5).join(" | ") || "no errors"}`,
      );
    }

    const firstSent = Math.min(...asked.map((q) => q.sentAt));
    const allAnsweredMs = Math.max(...asked.map((q) => q.at!)) - firstSent;
    const acks = asked.map((q) => q.ms);
    const answers = asked.map((q) => q.at! - q.sentAt);
    const perSecond = asked.length / (allAnsweredMs / 1000);
    // Each question costs the model two calls (the search plan, then the answer), so a slot answers one question a
    // second at best. The calls are counted too: a change that adds calls must fail its own target, not lower this one.
    const callsPerQuestion = result.modelStarts.length / asked.length;
    const ceiling = slots / ((MODEL_DELAY_MS / 1000) * MODEL_CALLS_PER_QUESTION);
    const ackP99 = (platform: string) =>
      percentile(
        asked.filter((q) => q.platform === platform).map((q) => q.ms),
        99,
      ).toFixed(1);
    const starts = result.modelStarts;
    const modelInFlight = Math.max(0, ...starts.map((t) => starts.filter((s) => s <= t && s > t - MODEL_DELAY_MS).length));
    process.stderr.write(
      `bench: load: ${summary}. ${asked.length} questions answered in ${(allAnsweredMs / 1000).toFixed(1)} s = ${perSecond.toFixed(1)}/s ` +
        `(the ceiling with ${slots} slots × ${MODEL_CALLS_PER_QUESTION} model calls × ${MODEL_DELAY_MS} ms is ${ceiling}/s, ${(asked.length / ceiling).toFixed(1)} s; ` +
        `${callsPerQuestion.toFixed(2)} calls per question measured); ` +
        `ack p50/p99/max ${percentile(acks, 50).toFixed(1)}/${percentile(acks, 99).toFixed(1)}/${Math.max(...acks).toFixed(1)} ms (p99 Slack ${ackP99("slack")}, Teams ${ackP99("teams")}); ` +
        `answer p50/p99 ${(percentile(answers, 50) / 1000).toFixed(2)}/${(percentile(answers, 99) / 1000).toFixed(2)} s; ` +
        `told they wait in line: ${result.queueNotices.slack} Slack and ${result.queueNotices.teams} Teams askers; ` +
        `model: ${starts.length} chat requests, at most ${modelInFlight} started within ${MODEL_DELAY_MS} ms of each other; ` +
        `event loop delay p99/max ${(loopDelay.percentile(99) / 1e6).toFixed(0)}/${(loopDelay.max / 1e6).toFixed(0)} ms; ` +
        `RSS ${rssAtStartMb.toFixed(0)} MB before the burst, peak ${peakMb.toFixed(0)} MB (${maxRssAfterKb > maxRssBeforeKb ? "maxRSS, set during this load" : "sampled: an earlier step set this process's maxRSS"}); ` +
        `Docent logged ${problems.length} error(s)\n`,
    );
    metrics.add("load_questions_per_s", perSecond, "questions/s", 0.75 * ceiling, "higher");
    metrics.add("load_model_calls_per_question", callsPerQuestion, "calls", MODEL_CALLS_PER_QUESTION, "lower");
    metrics.add("load_all_answered_s", allAnsweredMs / 1000, "s", Math.round((asked.length / (0.75 * ceiling)) * 10) / 10, "lower");
    metrics.add("load_ack_p50_ms", percentile(acks, 50), "ms", 50, "lower");
    metrics.add("load_ack_p99_ms", percentile(acks, 99), "ms", 100, "lower");
    metrics.add("load_ack_max_ms", Math.max(...acks), "ms", 1000, "lower");
    metrics.add("load_peak_rss_mb", peakMb, "MB", 768, "lower");
    metrics.add("load_answered_once_ratio", once / asked.length, "ratio", 1, "higher");
    metrics.add("load_queued_told", result.queueNotices.slack + result.queueNotices.teams, "askers", 1, "higher");
  } finally {
    services.kill();
    askers.kill();
    await rm(dir, { recursive: true, force: true });
  }
}

/** The services child: Slack's Web API, Teams' connector and the model server, watching for the answers. */
async function runServices(): Promise<void> {
  const send = (message: FromServices) => process.send!(message);
  const slack = await startFakeSlackApi();
  const connector = await startFakeTeamsConnector();
  const model = await startFakeModelServer();
  let modelStarts: number[] = [];
  model.script(() => {
    modelStarts.push(clock());
    return { reply: REPLY, delayMs: MODEL_DELAY_MS };
  });
  const outcomeOf = (q: Question): QuestionOutcome => (q.platform === "slack" ? slackOutcome(slack, q.channel, q.ts) : teamsOutcome(connector, q.channel));
  process.on("message", async (message: ToServices) => {
    try {
      const { questions } = message;
      const deadline = performance.now() + ANSWER_TIMEOUT_MS;
      while (!questions.every((q) => outcomeOf(q).at !== null) && performance.now() < deadline)
        await new Promise((resolvePromise) => setTimeout(resolvePromise, 25));
      // Watch a while longer: a duplicate comes after the first answer.
      await new Promise((resolvePromise) => setTimeout(resolvePromise, SETTLE_MS));
      const threads = new Set(questions.map((q) => `${q.channel}:${q.ts}`));
      const conversations = new Set(questions.map((q) => q.channel));
      const outcomes = questions.map((q) => {
        const { text, at, ...counts } = outcomeOf(q);
        return { ...counts, at: at === null ? null : performance.timeOrigin + at, apology: text.includes(APOLOGY_START) };
      });
      send({
        type: "watched",
        watched: {
          outcomes,
          queueNotices: {
            slack: [...slackQueueNotices(slack)].filter((key) => threads.has(key)).length,
            teams: [...teamsQueueNotices(connector)].filter((id) => conversations.has(id)).length,
          },
          modelStarts,
        },
      });
      modelStarts = [];
    } catch (error) {
      send({ type: "error", message: (error as Error).stack ?? String(error) });
    }
  });
  process.once("disconnect", () => void Promise.all([slack.close(), connector.close(), model.close()]));
  send({ type: "ready", slackApiUrl: slack.url, modelUrl: model.url, serviceUrl: connector.serviceUrl });
}

/** The askers' child: writes the requests it is given all at once and times each one's response. */
function runAskers(): void {
  const send = (message: FromAskers) => process.send!(message);
  process.on("message", async (message: ToAskers) => {
    try {
      send({ type: "acks", acks: await postAllAtOnce(message.port, message.requests) });
    } catch (error) {
      send({ type: "error", message: (error as Error).stack ?? String(error) });
    }
  });
  send({ type: "ready" });
}

let sequence = 0;

/**
 * `count` questions, alternating Slack and Teams, each platform alternating its two ways of asking
 * (Slack: channel mention, DM; Teams: channel mention, 1:1 chat), every one from its own person and thread
 * (the per-user rate limit is not what this measures). Each comes with its complete HTTP request.
 */
function buildQuestions(count: number, serviceUrl: string, port: number, tag: string): (Question & { request: string })[] {
  const host = `127.0.0.1:${port}`;
  const timestamp = Math.floor(Date.now() / 1000);
  return Array.from({ length: count }, (_, i) => {
    const n = ++sequence;
    const text = `${QUESTIONS[n % QUESTIONS.length]!} (${tag} ${n})`;
    const secondKind = Math.floor(i / 2) % 2 === 1;
    if (i % 2 === 0) {
      const user = `U0LOAD${n}`;
      const event = secondKind ? directMessageEvent({ text, user, channel: `D0LOAD${n}` }) : mentionEvent({ text, user, channel: `C0LOAD${n}` });
      const body = JSON.stringify(eventCallback(event));
      const headers = `x-slack-request-timestamp: ${timestamp}\r\nx-slack-signature: ${signSlackRequest(SIGNING_SECRET, timestamp, body)}\r\n`;
      return {
        platform: "slack",
        kind: secondKind ? "dm" : "mention",
        channel: event.channel,
        ts: event.ts,
        request: httpPost(host, "/slack/events", body, headers),
      };
    }
    const from = { id: `29:load-user-${n}`, name: `Load User ${n}`, aadObjectId: `load-user-${n}` };
    const activity: Record<string, any> = { ...(secondKind ? personalMessage(serviceUrl, text) : channelMention(serviceUrl, text)), from };
    return {
      platform: "teams",
      kind: secondKind ? "personal" : "channel",
      channel: String(activity.conversation.id),
      ts: "",
      request: httpPost(host, "/api/messages", JSON.stringify(activity)),
    };
  });
}

function httpPost(host: string, path: string, body: string, extraHeaders = ""): string {
  return `POST ${path} HTTP/1.1\r\nhost: ${host}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n${extraHeaders}connection: close\r\n\r\n${body}`;
}

/**
 * Writes every request at once over sockets opened beforehand (a full HTTP client's own work would
 * stagger them and count as the bot's time), and times each one to the first byte of its response.
 */
async function postAllAtOnce(port: number, requests: string[]): Promise<Ack[]> {
  const sockets = await Promise.all(
    requests.map(
      () =>
        new Promise<Socket>((ok, fail) =>
          connect({ host: "127.0.0.1", port }, function (this: Socket) {
            ok(this);
          }).once("error", fail),
        ),
    ),
  );
  const sent: number[] = [];
  const answered = sockets.map(
    (socket, i) =>
      new Promise<Ack>((ok) => {
        const done = (status: number) => ok({ status, ms: performance.now() - sent[i]!, sentAt: performance.timeOrigin + sent[i]! });
        socket.once("data", (chunk: Buffer) => {
          done(Number(chunk.toString("latin1", 9, 12)) || 0);
          socket.destroy();
        });
        // A connection closed without an answer counts as status 0: a failure the bench reports.
        socket.once("close", () => done(0));
        socket.once("error", () => undefined);
      }),
  );
  sockets.forEach((socket, i) => {
    sent[i] = performance.now();
    socket.write(requests[i]!);
  });
  return Promise.all(answered);
}

// The children forked by benchLoad: `node bin/run-ts.js bench/load-bench.ts --load-services|--load-askers`.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url) && process.send) {
  if (process.argv[2] === SERVICES_FLAG) await runServices();
  else if (process.argv[2] === ASKERS_FLAG) runAskers();
}
