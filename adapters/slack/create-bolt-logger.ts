import { LogLevel, type Logger as BoltLogger } from "@slack/bolt";
import type { Logger } from "../../src/logger.ts";

const LEVELS: Record<string, LogLevel> = {
  trace: LogLevel.DEBUG,
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
  fatal: LogLevel.ERROR,
};

/**
 * Bolt and its Web client log through this, so their lines land in our pino log (redacted like ours)
 * instead of on the console. Bolt's own level setting is ignored: LOG_LEVEL decides.
 */
export function createBoltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: "slack" });
  const line = (parts: unknown[]) => parts.map((part) => (typeof part === "string" ? part : part instanceof Error ? part.message : safeJson(part))).join(" ");
  // The Web client logs every request body at debug level: compose lines only when they will be written.
  const at =
    (level: "debug" | "info" | "warn" | "error") =>
    (...parts: unknown[]) => {
      if (child.isLevelEnabled(level)) child[level](line(parts));
    };
  return {
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    setLevel: () => undefined,
    getLevel: () => LEVELS[child.level] ?? LogLevel.INFO,
    setName: () => undefined,
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
