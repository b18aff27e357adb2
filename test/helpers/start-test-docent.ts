import { join } from "node:path";
import { loadConfig, type Config } from "../../src/config.ts";
import { silentLogger, type Logger } from "../../src/logger.ts";
import { startDocent, type AdapterFactory, type DocentServer } from "../../src/server/start-docent.ts";
import { SAMPLE_KNOWLEDGE, tempDir } from "./corpus.ts";

/**
 * A real Docent server on a free port over a fresh index of the sample knowledge base (or `sources`),
 * with exactly the adapters a test names.
 */
export async function startTestDocent(options: {
  adapters: AdapterFactory[];
  env?: Record<string, string>;
  configure?: (config: Config) => void;
  logger?: Logger;
}): Promise<{ docent: DocentServer; stop: () => Promise<void> }> {
  const dir = await tempDir();
  const config = loadConfig(
    { PORT: "0", DOCENT_DB: join(dir.path, "db"), DOCENT_WATCH: "false", DOCENT_RATE_LIMIT_PER_MINUTE: "10000", ...options.env },
    dir.path,
  );
  config.sources = [
    { name: "knowledge", type: "folder", path: SAMPLE_KNOWLEDGE, collection: "default", baseUrl: "https://kb.example.com/", prettyUrls: false },
  ];
  options.configure?.(config);
  const docent = await startDocent({ config, logger: options.logger ?? silentLogger(), embedder: null, adapters: options.adapters });
  return {
    docent,
    stop: async () => {
      await docent.stop();
      await dir.remove();
    },
  };
}
