import { existsSync, readFileSync } from "node:fs";
import { parseEnv } from "node:util";
import { resolve } from "node:path";
import { loadConfig, type Config } from "../config.ts";
import { createLogger, type Logger } from "../logger.ts";
import type { Embedder } from "../llm/embedder.ts";
import { openIndex, type KnowledgeIndex } from "../retrieval/open-index.ts";
import { searchesHybrid } from "../retrieval/search-index.ts";
import { objectStoreOptions } from "../shared/object-store-options.ts";
import type { CliContext } from "./cli-context.ts";

export interface Runtime {
  config: Config;
  logger: Logger;
  embedder: Embedder | null;
}

/** Config (with `--db` applied), a logger on stderr and the embedder, shared by every command. */
export async function loadRuntime(context: CliContext, overrides: { db?: string } = {}): Promise<Runtime> {
  const envFile = resolve(context.cwd, ".env");
  const env = { ...readEnvFile(envFile), ...context.env };
  const config = loadConfig(env, context.cwd);
  // A local folder is taken relative to where the command runs; an object-store URI (s3://…) as it is.
  if (overrides.db) {
    config.dbPath = /^[a-z][a-z0-9+.-]*:\/\//i.test(overrides.db) ? overrides.db : resolve(context.cwd, overrides.db);
    config.objectStore = objectStoreOptions(config.dbPath, env);
  }
  // Commands print their own human-readable warnings; JSON log lines on a terminal only when asked for.
  const logger = createLogger({ level: env.LOG_LEVEL ? config.logLevel : "error" });
  return { config, logger, embedder: await createEmbedder(config.embedding, logger) };
}

/**
 * The embedder `DOCENT_EMBEDDING_MODEL` names: "local" runs a small model in this process, any other name is
 * asked of the OpenAI-compatible server. Either is only loaded when there is something to embed: most
 * commands start faster without them.
 */
async function createEmbedder(settings: Config["embedding"], logger: Logger): Promise<Embedder | null> {
  if (!settings) return null;
  const local = await import("../llm/local-embedder.ts");
  if (settings.model === local.LOCAL_EMBEDDING_SETTING) return local.createLocalEmbedder();
  const { createOpenAIEmbedder } = await import("../llm/openai-embedder.ts");
  return createOpenAIEmbedder({ model: settings.model, apiKey: settings.apiKey, baseURL: settings.baseURL, logger });
}

export async function openRuntimeIndex(runtime: Runtime, options: { mustExist: boolean }): Promise<KnowledgeIndex> {
  const local = !/^[a-z][a-z0-9+.-]*:\/\//i.test(runtime.config.dbPath);
  if (options.mustExist && local && !existsSync(runtime.config.dbPath)) {
    throw new Error(`no index at ${runtime.config.dbPath}: run \`docent ingest\` first`);
  }
  return openIndex(runtime.config.dbPath, { storageOptions: runtime.config.objectStore });
}

/**
 * The index a command searches, and how it will be searched. When an embedding model is configured but the
 * index holds no vectors of it, search quietly stays full-text: said once on stderr, with the fix.
 */
export async function openIndexToSearch(runtime: Runtime, stderr: CliContext["stderr"]): Promise<{ index: KnowledgeIndex; retrieval: "hybrid" | "full-text" }> {
  const index = await openRuntimeIndex(runtime, { mustExist: true });
  const hybrid = await searchesHybrid(index, runtime.embedder).catch((error: unknown) => {
    index.close();
    throw error;
  });
  if (!hybrid && runtime.embedder) {
    stderr.write(`docent: the index holds no vectors of ${runtime.embedder.model}: searching full-text only (run docent ingest --full to embed it)\n`);
  }
  return { index, retrieval: hybrid ? "hybrid" : "full-text" };
}

/** `.env` beside the working directory, parsed without touching process.env (the real environment wins). */
export function readEnvFile(path: string): Record<string, string | undefined> {
  return existsSync(path) ? parseEnv(readFileSync(path, "utf8")) : {};
}
