type LanceDb = typeof import("@lancedb/lancedb");

let loading: Promise<LanceDb> | null = null;

/**
 * LanceDB, loaded on first use. Its full-text index build can hang forever on 2-core machines unless
 * its thread pool is capped, and the cap is read from the environment when the native module loads
 * (DESIGN, known pitfalls): so the defaults are set here, right before that one load, and a value the
 * environment already has wins. Doing it where LanceDB is loaded, not in each entry point, covers every
 * process that reaches it (the CLI, the benchmark's workers, tests); importing this module does nothing.
 */
export function loadLanceDb(env: NodeJS.ProcessEnv = process.env): Promise<LanceDb> {
  if (!loading) {
    env.LANCE_CPU_THREADS ??= "2";
    // Silences a deprecation warning printed when a query's select() leaves out _score.
    env.LANCEDB_LOG ??= "error";
    loading = import("@lancedb/lancedb");
  }
  return loading;
}
