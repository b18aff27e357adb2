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
  '*.headers["x-slack-signature"]',
  "SLACK_BOT_TOKEN",
  "SLACK_SIGNING_SECRET",
  "SLACK_APP_TOKEN",
  "OPENAI_API_KEY",
  "MicrosoftAppPassword",
  "SHAREPOINT_CLIENT_SECRET",
  "clientSecret",
  "*.clientSecret",
  "client_secret",
  "access_token",
  "*.SLACK_BOT_TOKEN",
  "*.SLACK_SIGNING_SECRET",
  "*.SLACK_APP_TOKEN",
  "*.OPENAI_API_KEY",
  "*.MicrosoftAppPassword",
  "*.SHAREPOINT_CLIENT_SECRET",
  "CONFLUENCE_API_TOKEN",
  "*.CONFLUENCE_API_TOKEN",
  "sourceCredentials",
  "*.sourceCredentials",
];

/** Token shapes that must not leak even inside free text (an error message quoting a header, say). */
const SECRET_PATTERNS = [
  /xox[abposr]-[A-Za-z0-9-]{8,}/g,
  /xapp-[A-Za-z0-9-]{8,}/g,
  /sk-[A-Za-z0-9_-]{16,}/g,
  /Bearer\s+[A-Za-z0-9._~+/=-]{8,}/gi,
  /Basic\s+[A-Za-z0-9+/=]{8,}/gi,
];
/** Credentials inside a URL: `https://user:token@host/…`. */
const URL_CREDENTIALS = /(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+:[^\s/@]+@/gi;

export function scrubSecrets(text: string): string {
  return SECRET_PATTERNS.reduce((out, pattern) => out.replace(pattern, "[Redacted]"), text).replace(URL_CREDENTIALS, "$1[Redacted]@");
}

/** Scrubs every string in a logged object (a few levels deep): error texts and reasons quote headers and URLs. */
function scrubValues(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return scrubSecrets(value);
  if (depth > 4 || value === null || typeof value !== "object") return value;
  if (value instanceof Error) return { type: value.name, message: scrubSecrets(value.message), stack: value.stack ? scrubSecrets(value.stack) : undefined };
  if (Array.isArray(value)) return value.map((item) => scrubValues(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrubValues(item, depth + 1)]));
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
          method.apply(this, args.map((arg) => (typeof arg === "string" ? scrubSecrets(arg) : arg)) as Parameters<typeof method>);
        },
      },
      formatters: {
        log: (object) => scrubValues(object) as Record<string, unknown>,
      },
    },
    options.destination ?? pino.destination(2),
  );
}

/** A logger that drops everything: for library callers and tests that do not look at logs. */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
