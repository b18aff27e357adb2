import { watch, type FSWatcher } from "node:fs";
import type { SourceConfig } from "../config.ts";
import type { Logger } from "../logger.ts";

export interface KeepCurrentOptions {
  sources: SourceConfig[];
  intervalMs: number | null;
  watch: boolean;
  /** Runs a sync of the named sources, or of all; concurrent calls share one run (see startDocent). */
  sync: (onlySources?: string[]) => Promise<unknown>;
  logger: Logger;
  /** Quiet period after the last file change before syncing: editors save in bursts. */
  debounceMs?: number;
}

/**
 * Keeps the index following the documents while serving: a sync on a schedule, and for local folders a
 * debounced sync when files change. Failures are logged (and recorded by the sync) but never stop the
 * schedule; the previous index version keeps serving meanwhile.
 */
export function keepIndexCurrent(options: KeepCurrentOptions): { stop(): void } {
  const { logger } = options;
  const run = (reason: string, onlySources?: string[]) => {
    logger.info({ reason }, "syncing the sources");
    options.sync(onlySources).catch(() => undefined);
  };
  const timer = options.intervalMs ? setInterval(() => run("schedule"), options.intervalMs) : null;
  timer?.unref();

  const watchers: FSWatcher[] = [];
  // One debounce timer per folder: saving a Markdown file re-syncs its folder, not a 5,000-page sitemap.
  const pending = new Map<string, NodeJS.Timeout>();
  if (options.watch) {
    for (const source of options.sources) {
      if (source.type !== "folder" || !source.path) continue;
      try {
        const watcher = watch(source.path, { recursive: true }, (_event, file) => {
          if (
            file &&
            String(file)
              .split(/[\\/]/)
              .some((part) => part.startsWith("."))
          )
            return;
          clearTimeout(pending.get(source.name));
          pending.set(
            source.name,
            setTimeout(() => run(`change in ${source.name}`, [source.name]), options.debounceMs ?? 1000),
          );
        });
        watcher.on("error", (error) => logger.warn({ source: source.name, err: error.message }, "file watcher stopped"));
        watchers.push(watcher);
      } catch (error) {
        logger.warn({ source: source.name, err: (error as Error).message }, "cannot watch this folder for changes; relying on the schedule");
      }
    }
  }
  return {
    stop() {
      if (timer) clearInterval(timer);
      for (const timer of pending.values()) clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    },
  };
}
