import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/setup/install-system-packages.ts"],
    // LanceDB's full-text index build can hang on 2-core machines without this (DESIGN, known pitfalls).
    env: { LANCE_CPU_THREADS: "2", LANCEDB_LOG: "error" },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
