import { join, resolve } from "node:path";
import { Writable } from "node:stream";
import { createSlackAdapter } from "../../../adapters/slack/create-slack-adapter.ts";
import { loadConfig, type Config } from "../../../src/config.ts";
import { createCoreDependencies } from "../../../src/core/create-core.ts";
import { createDocentCore, type CoreLimits, type DocentCore } from "../../../src/core/docent-core.ts";
import { createFeedbackStore } from "../../../src/feedback/feedback-store.ts";
import { createLogger, silentLogger } from "../../../src/logger.ts";
import { openIndex } from "../../../src/retrieval/open-index.ts";
import { syncSources } from "../../../src/retrieval/sync-sources.ts";
import type { Adapter } from "../../../src/server/adapter.ts";
import type { DocentServer } from "../../../src/server/start-docent.ts";
import { startServer } from "../../../src/server/start-server.ts";
import { tempDir } from "../../helpers/corpus.ts";
import { deliverToSlackApp, startFakeSlackApi, type DeliverOptions, type FakeSlackApi } from "../../helpers/fake-slack-api.ts";

export const SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
export const FIXTURES = resolve(import.meta.dirname, "fixtures");
export const HANDBOOK_URL = "https://intranet.example.com/handbook/";

export interface SlackTestApp {
  /** The shared server's `/slack/events`. */
  eventsUrl: string;
  serverUrl: string;
  fake: FakeSlackApi;
  core: DocentCore;
  adapter: Adapter;
  /** Everything logged, parsed (pino JSON lines). */
  logs: { level: number; msg: string; [key: string]: unknown }[];
  /** Delivers a payload to /slack/events as Slack does (signed; events as JSON, `form` for interactivity). */
  send(payload: unknown, options?: Partial<DeliverOptions>): Promise<Response>;
  stop(): Promise<void>;
}

export interface SlackTestAppOptions {
  /** Extra environment: OPENAI_BASE_URL for a model, SLACK_APP_TOKEN for Socket Mode. */
  env?: Record<string, string>;
  configure?: (config: Config) => void;
  /** Wraps the real core (to make it fail, say). */
  wrapCore?: (core: DocentCore) => DocentCore;
  /** The core's admission limits (answering slots, questions per user and minute). */
  limits?: CoreLimits;
  /** People the fake Slack knows for `users.info`, by user id. */
  slackUsers?: Record<string, { email?: string; name?: string; realName?: string }>;
}

/**
 * The real thing, end to end on 127.0.0.1: a fixture handbook indexed into a fresh LanceDB, the real
 * core (extractive, or a model when OPENAI_BASE_URL is given), the Slack adapter mounted on the shared
 * HTTP server, and a fake Slack Web API that the adapter's Web client talks to.
 */
export async function startSlackTestApp(options: SlackTestAppOptions = {}): Promise<SlackTestApp> {
  const dir = await tempDir("docent-slack-");
  const fake = await startFakeSlackApi({ users: options.slackUsers });
  const config = loadConfig(
    {
      PORT: "0",
      DOCENT_DB: join(dir.path, "db"),
      SLACK_BOT_TOKEN: "xoxb-test-token-0000",
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.url.replace(/\/api\/$/, ""),
      DOCENT_LLM_TIMEOUT_MS: "2000",
      ...options.env,
    },
    dir.path,
  );
  config.sources = [
    { name: "handbook", type: "folder", path: join(FIXTURES, "handbook"), collection: "default", baseUrl: HANDBOOK_URL, prettyUrls: false },
    { name: "office-notes", type: "folder", path: join(FIXTURES, "office-notes"), collection: "default", prettyUrls: false },
  ];
  options.configure?.(config);

  const logs: SlackTestApp["logs"] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) logs.push(JSON.parse(line));
      done();
    },
  });
  const logger = createLogger({ level: "debug", destination });

  const index = await openIndex(config.dbPath);
  await syncSources(index, config.sources, { logger: silentLogger() });
  const realCore = createDocentCore(createCoreDependencies(config, index, logger, null), createFeedbackStore(index.connection), { limits: options.limits });
  const core = options.wrapCore ? options.wrapCore(realCore) : realCore;
  // Of the whole server, the Slack adapter reads only the index (the Home tab's sources, suggested prompts).
  const docent = () => ({ index }) as Pick<DocentServer, "index"> as DocentServer;
  const adapter = await createSlackAdapter({ config, core, logger, docent });
  if (!adapter) throw new Error("the Slack adapter did not start");
  const server = await startServer({ port: 0, host: "127.0.0.1", routes: adapter.routes, health: () => ({ ready: true, status: "ok" }), logger });
  await adapter.start?.();
  const eventsUrl = `${server.url}/slack/events`;

  return {
    eventsUrl,
    serverUrl: server.url,
    fake,
    core,
    adapter,
    logs,
    send: (payload, deliver = {}) => deliverToSlackApp(eventsUrl, payload, { signingSecret: SIGNING_SECRET, ...deliver }),
    async stop() {
      await adapter.stop?.();
      await server.close(1000);
      await fake.close();
      index.close();
      await dir.remove();
    },
  };
}
