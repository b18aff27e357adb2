import { pino, type Logger, type DestinationStream } from "pino";

export type { Logger };

/** Paths whose values never reach the log, wherever they appear in a logged object. */
export const REDACTED_PATHS = [
  "token",
  "*.token",
  "botToken",
  "*.botToken",
  "appToken",
  "*.appToken",
  "apiKey",
  "*.apiKey",
  "password",
  "*.password",
  "secret",
  "*.secret",
  "signingSecret",
  "*.signingSecret",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "*.headers.authorization",
  'headers["x-slack-signature"]',
  "*.headers[\"x-slack-signature\"]",
  "SLACK_BOT_TOKEN",
  "SLACK_SIGNING_SECRET",
  "SLACK_APP_TOKEN",
  "OPENAI_API_KEY",
  "MicrosoftAppPassword",
  "*.SLACK_BOT_TOKEN",
  "*.SLACK_SIGNING_SECRET",
  "*.SLACK_APP_TOKEN",
  "*.OPENAI_API_KEY",
  "*.MicrosoftAppPassword",
];

/** Token shapes that must not leak even inside free text (an error message quoting a header, say). */
const SECRET_PATTERNS = [
  /xox[abposr]-[A-Za-z0-9-]{8,}/g,
  /xapp-[A-Za-z0-9-]{8,}/g,
  /sk-[A-Za-z0-9_-]{16,}/g,
  /Bearer\s+[A-Za-z0-9._~+/=-]{8,}/gi,
];

export function scrubSecrets(text: string): string {
  return SECRET_PATTERNS.reduce((out, pattern) => out.replace(pattern, "[Redacted]"), text);
}

export interface LoggerOptions {
  level?: string;
  destination?: DestinationStream;
}

/** Builds the one logger that the entry point passes down; modules never import a singleton. */
export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? "info",
      redact: { paths: REDACTED_PATHS, censor: "[Redacted]" },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((arg) => (typeof arg === "string" ? scrubSecrets(arg) : arg)) as Parameters<typeof method>,
          );
        },
      },
      formatters: {
        log(object) {
          const err = object.err as { message?: unknown; stack?: unknown } | undefined;
          if (err && typeof err.message === "string") {
            return { ...object, err: { ...err, message: scrubSecrets(err.message), stack: typeof err.stack === "string" ? scrubSecrets(err.stack) : err.stack } };
          }
          return object;
        },
      },
    },
    options.destination ?? pino.destination(2),
  );
}

/** A logger that drops everything: for library callers and tests that do not look at logs. */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
