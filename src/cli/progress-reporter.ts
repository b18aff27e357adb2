import cliProgress from "cli-progress";
import type { Writable } from "node:stream";
import type { SyncProgress } from "../retrieval/sync-source.ts";

/**
 * Sync progress for people: a bar on a terminal, a plain line per phase (and every 10 %) elsewhere,
 * so CI logs stay readable.
 */
export function createProgressReporter(stream: Writable & { isTTY?: boolean }, label: string) {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { stream: stream as NodeJS.WriteStream, format: `${label} {phase} [{bar}] {value}/{total} {docId}`, hideCursor: true, clearOnComplete: true },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(progress: SyncProgress) {
        const payload = { phase: progress.phase.padEnd(9), docId: progress.docId ?? "" };
        if (!started) {
          bar.start(Math.max(progress.total, 1), progress.done, payload);
          started = true;
        } else bar.setTotal(Math.max(progress.total, 1));
        bar.update(progress.done, payload);
      },
      stop() {
        if (started) bar.stop();
      },
    };
  }
  let lastPhase = "";
  let lastTenth = -1;
  return {
    update(progress: SyncProgress) {
      if (progress.total === 0) return;
      const tenth = progress.total ? Math.floor((progress.done / progress.total) * 10) : 0;
      if (progress.phase === lastPhase && tenth === lastTenth) return;
      if (progress.phase !== lastPhase || progress.total >= 50) {
        stream.write(`${label} ${progress.phase} ${progress.done}/${progress.total}\n`);
      }
      lastPhase = progress.phase;
      lastTenth = tenth;
    },
    stop() {},
  };
}
