import { join, resolve } from "node:path";
import { Writable } from "node:stream";
import { pino } from "pino";
import { createTeamsAdapter, type TeamsAdapterOptions } from "../../../adapters/teams/create-teams-adapter.ts";
import { loadConfig, type Config } from "../../../src/config.ts";
import type { CoreDependencies } from "../../../src/core/answer-question.ts";
import { createCoreDependencies } from "../../../src/core/create-core.ts";
import { createDocentCore, type DocentCore } from "../../../src/core/docent-core.ts";
import { createFeedbackStore } from "../../../src/feedback/feedback-store.ts";
import type { Logger } from "../../../src/logger.ts";
import { openIndex, type KnowledgeIndex } from "../../../src/retrieval/open-index.ts";
import { syncSources } from "../../../src/retrieval/sync-sources.ts";
import type { Adapter } from "../../../src/server/adapter.ts";
import { startServer, type RunningServer } from "../../../src/server/start-server.ts";
import { tempDir } from "../../helpers/corpus.ts";
import { startFakeTeamsConnector, type FakeTeamsConnector } from "../../helpers/fake-teams-connector.ts";

/** Four intranet pages, each with a URL in its front matter. */
export const TEAMS_CORPUS = resolve(import.meta.dirname, "fixtures/corpus");

export interface IndexedCorpus {
  index: KnowledgeIndex;
  dbPath: string;
  remove(): Promise<void>;
}

/** The fixture corpus in a fresh LanceDB (one per test file: indexing takes a second). */
export async function indexTeamsCorpus(): Promise<IndexedCorpus> {
  const dir = await tempDir("docent-teams-");
  const dbPath = join(dir.path, "db");
  const index = await openIndex(dbPath);
  await syncSources(index, [{ name: "intranet", type: "folder", path: TEAMS_CORPUS, collection: "default", prettyUrls: false }], {
    logger: pino({ level: "silent" }),
  });
  return {
    index,
    dbPath,
    remove: async () => {
      index.close();
      await dir.remove();
    },
  };
}

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface TeamsHarness {
  /** Base URL of the real server, e.g. http://127.0.0.1:40123 */
  url: string;
  connector: FakeTeamsConnector;
  core: DocentCore;
  adapter: Adapter;
  config: Config;
  logs: LogLine[];
  /** POSTs a body to /api/messages as Teams would. */
  post(body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: string; ms: number }>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  corpus: IndexedCorpus;
  env?: Record<string, string>;
  adapter?: TeamsAdapterOptions;
  /** Replaces the core's dependencies (a slow generator, say); default: wired from the config as `docent serve` does. */
  dependencies?: (base: CoreDependencies) => CoreDependencies;
  /** Wraps the core the adapter talks to. */
  wrapCore?: (core: DocentCore) => DocentCore;
  /** Changes the loaded configuration (the config file's settings, say) before anything starts. */
  configure?: (config: Config) => void;
}

/** The real HTTP server with only the Teams adapter mounted, a real core over the corpus, and a fake connector. */
export async function startTeamsHarness(options: HarnessOptions): Promise<TeamsHarness> {
  const logs: LogLine[] = [];
  const logger: Logger = pino(
    { level: "debug" },
    new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split("\n").filter(Boolean)) logs.push(JSON.parse(line) as LogLine);
        done();
      },
    }),
  );
  const config = loadConfig({ PORT: "0", DOCENT_DB: options.corpus.dbPath, DOCENT_PLAYGROUND: "false", ...options.env }, resolve(options.corpus.dbPath, ".."));
  options.configure?.(config);
  const base = createCoreDependencies(config, options.corpus.index, logger, null);
  const realCore = createDocentCore(options.dependencies?.(base) ?? base, createFeedbackStore(options.corpus.index.connection), { limits: config.limits });
  const core = options.wrapCore?.(realCore) ?? realCore;
  const adapter = (await createTeamsAdapter({ config, core, logger }, { streamIntervalMs: 100, stopGraceMs: 5_000, ...options.adapter }))!;
  const server: RunningServer = await startServer({
    port: 0,
    host: "127.0.0.1",
    routes: adapter.routes,
    health: () => ({ ready: true, status: "ok" }),
    logger,
  });
  const connector = await startFakeTeamsConnector();
  const url = server.url.replace("localhost", "127.0.0.1");
  return {
    url,
    connector,
    core: realCore,
    adapter,
    config,
    logs,
    async post(body, headers = {}) {
      const started = performance.now();
      const response = await fetch(`${url}/api/messages`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: typeof body === "string" ? body : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text, ms: performance.now() - started };
    },
    async stop() {
      await adapter.stop?.();
      await server.close(1_000);
      await connector.close();
    },
  };
}
