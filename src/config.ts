import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";
import { objectStoreOptions } from "./shared/object-store-options.ts";
import { documentOwnerSchema } from "./shared/document-owner.ts";
import { VERIFIED_SOURCE } from "./shared/verified-collection.ts";

/** A configured place documents come from; `path` is resolved against the config file's folder. */
const sourceSchema = z
  .object({
    name: z.string().min(1, "a source needs a name"),
    type: z.enum(["folder", "sitemap", "export", "git", "confluence", "sharepoint"]).default("folder"),
    /** folder: the folder; export: the .zip file or unzipped folder; git: the folder inside the repository to index. */
    path: z.string().min(1).optional(),
    /**
     * sitemap: the address of sitemap.xml; git: what `git clone` takes (https://…, git@host:repo, file://…, a local path);
     * confluence: the site's base URL, e.g. `https://acme.atlassian.net/wiki` (REST paths are appended to it).
     */
    url: z.string().min(1, "url is empty").optional(),
    collection: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/, "a collection name uses only letters, digits, - and _")
      .default("default"),
    baseUrl: z.string().url().optional(),
    /**
     * Which documents to index; default: every supported one. Globs relative to the source root (file paths,
     * or for a sitemap the page's path after the site's address); for a sitemap also URL or `/path` prefixes.
     */
    include: z.array(z.string()).optional(),
    exclude: z.array(z.string()).optional(),
    /** Opt-in: turn `pages/leave.md` into `…/pages/leave` (and `index.md` into its folder) in citation links. */
    prettyUrls: z.boolean().default(false),
    /** sitemap: pages fetched at once (default 4); confluence: requests in flight at once (default 4). */
    concurrency: z
      .number()
      .int("concurrency must be a whole number")
      .min(1, "concurrency must be at least 1")
      .max(32, "concurrency above 32 is not polite to a website")
      .optional(),
    /** sitemap: milliseconds a page may take, body included, before it counts as failed (default 10000). */
    timeoutMs: z.number().int("timeoutMs must be a whole number of milliseconds").positive("timeoutMs must be positive").optional(),
    /** sitemap: pages indexed at most, in sitemap order (default 5000). */
    maxPages: z.number().int("maxPages must be a whole number").positive("maxPages must be positive").optional(),
    /** export: what made the export (default "auto": told apart by its files). */
    format: z.enum(["confluence", "notion", "auto"], { message: 'format must be "confluence", "notion" or "auto"' }).optional(),
    /** git: the branch to follow (default: the repository's default branch). */
    branch: z.string().min(1).optional(),
    /**
     * git: the web address of each file, e.g. `https://github.com/acme/handbook/blob/{branch}/{path}` ({path}: the
     * file's path in the repository). export: the address of each page from its id, e.g.
     * `https://acme.atlassian.net/wiki/spaces/HR/pages/{id}` (Confluence page id, or Notion's 32-digit id).
     */
    urlPattern: z.string().min(1).optional(),
    /** sharepoint: the Entra tenant (directory) id or its domain, e.g. `contoso.onmicrosoft.com`. */
    tenantId: z.string().trim().min(1, "tenantId is empty").optional(),
    /** sharepoint: sites whose document libraries are all indexed, as `host:/path`, e.g. `contoso.sharepoint.com:/sites/HR`. */
    sites: z
      .array(
        z
          .string()
          .trim()
          .regex(/^[^\s:/]+\.[^\s:/]+:\/\S*$/, 'a site is written "host:/path", such as "contoso.sharepoint.com:/sites/HR"'),
      )
      .optional(),
    /** sharepoint: document libraries or OneDrives by drive id (`b!…`). */
    drives: z.array(z.string().trim().min(1, "a drive id is empty")).optional(),
    /** confluence: the keys of the spaces to index, e.g. ["HR", "IT"]. */
    spaces: z
      .array(z.string().regex(/^[A-Za-z0-9~_-]+$/, "a space key uses letters, digits, ~, _ and -"))
      .min(1, "spaces is empty")
      .optional(),
    /**
     * confluence and sharepoint (sources that know who may read a document): "enforce" (default) answers from a
     * restricted document only to those who may read it; "ignore" treats every document as readable by everyone.
     */
    permissions: z.enum(["enforce", "ignore"], { message: 'permissions must be "enforce" or "ignore"' }).optional(),
    /** confluence: the environment variables holding the account's email and API token (default CONFLUENCE_EMAIL, CONFLUENCE_API_TOKEN). */
    emailEnv: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "emailEnv must name an environment variable")
      .optional(),
    tokenEnv: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "tokenEnv must name an environment variable")
      .optional(),
    /**
     * confluence: ids of groups that stand for the whole organization (such as confluence-users): a space or
     * page readable by one of them counts as readable by everyone. Anonymous access always does.
     */
    everyoneGroups: z.array(z.string().min(1)).optional(),
    /**
     * Who answers for this source's documents: a 👎 with a reason on an answer citing one is posted to them
     * (Slack user or channel id, Teams channel conversation id). A Markdown document's `owner:` front matter wins.
     */
    owner: documentOwnerSchema.optional(),
  })
  .superRefine((source, ctx) => {
    const problem = (message: string) => ctx.addIssue({ code: "custom", message: `source "${source.name}": ${message}` });
    const only = (option: keyof typeof source, types: string[]) => {
      if (source[option] !== undefined && !types.includes(source.type)) problem(`"${option}" applies only to ${types.join(" and ")} sources`);
    };
    if (source.name === VERIFIED_SOURCE) problem(`the name "${VERIFIED_SOURCE}" is taken by the experts' verified answers; choose another`);
    if (source.type === "folder" && !source.path) {
      ctx.addIssue({ code: "custom", message: `source "${source.name}" is a folder but has no "path"` });
    }
    if (source.type === "sitemap") {
      if (!source.url) problem('a sitemap source needs "url", the address of the site\'s sitemap.xml');
      else if (!/^https?:\/\/[^\s/]+/i.test(source.url) || !URL.canParse(source.url))
        problem(`"url" must be an http(s) address of a sitemap, not "${source.url}"`);
    }
    if (source.type === "export" && !source.path) problem('an export source needs "path", the export\'s .zip file or unzipped folder');
    if (source.type === "git") {
      if (!source.url) problem('a git source needs "url", what `git clone` takes (https://…, git@host:repo.git, or a local path)');
      else if (source.url.startsWith("-")) problem(`"url" must not start with "-"`);
      if (source.path !== undefined && (source.path.startsWith("/") || source.path.split(/[\\/]/).includes(".."))) {
        problem(`"path" of a git source is a folder inside the repository, such as "docs", not "${source.path}"`);
      }
      if (source.branch !== undefined && !/^(?!-)(?!.*\.\.)[^\s~^:?*[\\]+$/.test(source.branch))
        problem(`"branch" is not a valid branch name: "${source.branch}"`);
      if (source.urlPattern !== undefined && !source.urlPattern.includes("{path}"))
        problem('"urlPattern" must contain {path}, where each file\'s path in the repository goes');
    }
    if (source.type === "export" && source.urlPattern !== undefined && !source.urlPattern.includes("{id}")) {
      problem('"urlPattern" of an export must contain {id}, where each page\'s id goes');
    }
    if (source.type === "sharepoint") {
      if (!source.tenantId) problem('a sharepoint source needs "tenantId", the Entra tenant id (or domain) its sites belong to');
      if (!source.sites?.length && !source.drives?.length)
        problem('a sharepoint source needs "sites" (such as "contoso.sharepoint.com:/sites/HR") or "drives" (drive ids), or both');
    }
    only("tenantId", ["sharepoint"]);
    only("sites", ["sharepoint"]);
    only("drives", ["sharepoint"]);
    if (source.type === "confluence") {
      if (!source.url) problem('a confluence source needs "url", the site\'s base URL such as https://acme.atlassian.net/wiki');
      else if (!/^https?:\/\/[^\s/]+/i.test(source.url) || !URL.canParse(source.url)) problem(`"url" must be an http(s) address, not "${source.url}"`);
      if (!source.spaces) problem('a confluence source needs "spaces", the keys of the spaces to index, e.g. ["HR"]');
    }
    only("concurrency", ["sitemap", "confluence"]);
    only("spaces", ["confluence"]);
    only("permissions", ["confluence", "sharepoint"]);
    only("emailEnv", ["confluence"]);
    only("tokenEnv", ["confluence"]);
    only("everyoneGroups", ["confluence"]);
    only("timeoutMs", ["sitemap"]);
    only("maxPages", ["sitemap"]);
    only("format", ["export"]);
    only("branch", ["git"]);
    only("urlPattern", ["git", "export"]);
  })
  // A git source's `path` is a folder inside the repository: it moves to `subfolder` so that it is not
  // resolved against the config file's folder like the paths of folders and exports.
  .transform((source): typeof source & { subfolder?: string } =>
    source.type === "git" && source.path !== undefined ? { ...source, path: undefined, subfolder: source.path } : source,
  );

const configFileSchema = z
  .object({
    $schema: z.string().optional(),
    sources: z.array(sourceSchema).min(1, "the config file lists no sources").optional(),
    scopes: z.record(z.string(), z.array(z.string())).optional(),
    slack: z
      .object({
        /** Answer later messages in a thread the bot has answered, without a new mention (default true). */
        threadFollowUps: z.boolean().default(true),
        /** Channels where follow-ups still need a mention. */
        followUpOptOut: z.array(z.string()).default([]),
        /**
         * The example questions offered when someone opens a conversation with the agent (Slack shows at
         * most four). Default: made from the documents the index covers best, else a generic list.
         */
        suggestedPrompts: z
          .array(
            z
              .object({
                title: z.string().trim().min(1, "a suggested prompt needs a title").max(75, "a suggested prompt's title must be at most 75 characters"),
                message: z
                  .string()
                  .trim()
                  .min(1, "a suggested prompt needs a message")
                  .max(1000, "a suggested prompt's message must be at most 1000 characters"),
              })
              .strict(),
          )
          .max(4, "Slack shows at most 4 suggested prompts")
          .default([]),
      })
      .strict()
      .optional(),
    /** Who may save an answer as verified (Slack's message shortcut, Teams' message action); the web form needs the admin token. */
    verified: z
      .object({
        /** Slack user ids (U…), as in a profile's "Copy member ID". */
        slackUsers: z.array(z.string().regex(/^[UW][A-Z0-9]{2,}$/, "a Slack user id looks like U012AB3CD")).default([]),
        /** Microsoft Entra (AAD) object ids of Teams users. */
        teamsUsers: z.array(z.string().uuid("a Teams user is named by their Microsoft Entra object id (a GUID)")).default([]),
      })
      .strict()
      .optional(),
    teams: z
      .object({
        /**
         * Example questions in the Teams app's compose box (its manifest's command lists, written by
         * `docent teams-package`); default: a few generic ones. A question alone, or with a line under it.
         */
        promptStarters: z
          .array(
            z.union([
              z.string().trim().min(1, "a prompt starter is empty").max(128, "a prompt starter is at most 128 characters"),
              z
                .object({
                  title: z.string().trim().min(1).max(128, "a prompt starter is at most 128 characters"),
                  description: z.string().trim().max(500).optional(),
                })
                .strict(),
            ]),
          )
          .min(1, "promptStarters is empty")
          .max(12, "Teams shows at most 12 prompt starters")
          .optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type SourceConfig = z.infer<typeof sourceSchema>;
export type ConfigFile = z.infer<typeof configFileSchema>;

const optional = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === "" ? undefined : value.trim()));

/** A switch: true or 1 turn it on, false or 0 off. */
const SWITCH = ["true", "false", "1", "0"] as const;
const isOn = (value: (typeof SWITCH)[number]) => value === "true" || value === "1";
const aSwitch = (byDefault: "true" | "false") => z.enum(SWITCH).default(byDefault).transform(isOn);
/** A switch whose default depends on the rest of the configuration: undefined when unset. */
const anOptionalSwitch = z
  .enum(SWITCH)
  .optional()
  .transform((value) => (value === undefined ? undefined : isOn(value)));
const onByDefault = aSwitch("true");

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DOCENT_DB: optional,
  DOCENT_REDIS_URL: optional.pipe(
    z
      .string()
      .regex(/^rediss?:\/\/./, "DOCENT_REDIS_URL must be a redis:// or rediss:// URL")
      .optional(),
  ),
  DOCENT_CONFIG: optional,
  DOCENT_PLAYGROUND: onByDefault,
  OPENAI_API_KEY: optional,
  OPENAI_BASE_URL: optional.pipe(z.string().url("OPENAI_BASE_URL is not a valid URL").optional()),
  DOCENT_CHAT_MODEL: optional,
  DOCENT_EMBEDDING_MODEL: optional,
  DOCENT_QUOTE_BY_MEANING: onByDefault,
  DOCENT_RERANK_BY_MEANING: anOptionalSwitch,
  DOCENT_LLM_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  SLACK_BOT_TOKEN: optional,
  SLACK_SIGNING_SECRET: optional,
  SLACK_APP_TOKEN: optional,
  SLACK_API_URL: optional.pipe(z.string().url("SLACK_API_URL is not a valid URL").optional()),
  MicrosoftAppId: optional,
  MicrosoftAppPassword: optional,
  MicrosoftAppType: z.enum(["MultiTenant", "SingleTenant", "UserAssignedMSI"]).optional(),
  MicrosoftAppTenantId: optional,
  SHAREPOINT_CLIENT_ID: optional,
  SHAREPOINT_CLIENT_SECRET: optional,
  GRAPH_API_URL: optional.pipe(z.string().url("GRAPH_API_URL is not a valid URL").optional()),
  MICROSOFT_LOGIN_URL: optional.pipe(z.string().url("MICROSOFT_LOGIN_URL is not a valid URL").optional()),
  DOCENT_SYNC_INTERVAL: optional.pipe(
    z
      .string()
      .regex(/^(off|0|\d+(\.\d+)?\s*(ms|s|m|h))$/i, 'DOCENT_SYNC_INTERVAL must be a duration such as "15m", "1h" or "30s", or "off"')
      .optional(),
  ),
  DOCENT_WATCH: onByDefault,
  DOCENT_INDEX_WRITER: onByDefault,
  DOCENT_MAX_CONCURRENT: z.coerce.number().int().positive().default(8),
  DOCENT_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(20),
  DOCENT_ADMIN_TOKEN: optional,
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export interface Config {
  port: number;
  dbPath: string;
  /** LanceDB storage options when `dbPath` is on object storage (`s3://…`), from the AWS variables. */
  objectStore: Record<string, string> | undefined;
  /** Shared state for several replicas; undefined keeps it in this process. */
  redisUrl: string | undefined;
  playground: boolean;
  /** Milliseconds between scheduled syncs while serving; null when off. */
  syncIntervalMs: number | null;
  /** Whether `docent serve` re-syncs local folders when their files change. */
  watch: boolean;
  /** Whether `docent serve` syncs the index. With several replicas exactly one may: the others only read. */
  indexWriter: boolean;
  limits: { maxConcurrent: number; perUserPerMinute: number };
  /** When set, the playground's API and admin view require it (for anything beyond local use). */
  adminToken: string | null;
  logLevel: string;
  llm: { apiKey?: string; baseURL?: string; chatModel: string; timeoutMs: number } | null;
  embedding: { apiKey?: string; baseURL?: string; model: string } | null;
  /** Whether an extractive answer chooses its quote by meaning as well as words (with the local model when no embedding model is set). */
  quoteByMeaning: boolean;
  /**
   * Whether full-text search's candidates are reordered by meaning too (with the embedding model or, without
   * one, the local model), for answers and in `docent search`. Unset, answers written without a chat model are
   * (the extractive default, where the local model already chooses the quote: docs/answer-quality.md), and
   * `docent search` keeps the full-text order, as starting the model would take it from half a second to one.
   */
  rerankByMeaning: { answers: boolean; search: boolean };
  slack: { botToken: string; signingSecret?: string; appToken?: string; apiUrl?: string } | null;
  teams: { appId?: string; appPassword?: string; appType?: string; tenantId?: string };
  /**
   * Microsoft Graph for SharePoint sources and the Teams asker's groups: an app registration's
   * client credentials (SHAREPOINT_CLIENT_ID/SECRET, else the Teams app's), and where Graph and the
   * sign-in service are (local servers in tests).
   */
  graph: GraphSettings;
  sources: SourceConfig[];
  /**
   * The credentials live sources read from the environment (CONFLUENCE_EMAIL, CONFLUENCE_API_TOKEN, or the
   * variables a source's emailEnv/tokenEnv name), `.env` included; never logged (see REDACTED_PATHS).
   */
  sourceCredentials: Record<string, string | undefined>;
  scopes: Record<string, string[]>;
  slackBehaviour: { threadFollowUps: boolean; followUpOptOut: string[]; suggestedPrompts: { title: string; message: string }[] };
  /** Who may save verified answers: Slack user ids and Teams AAD object ids (the config file's `verified`). */
  verifiers: { slack: string[]; teams: string[] };
  /** Where the config file was read from, for banners and errors; null when none exists. */
  configFile: string | null;
}

export interface GraphSettings {
  apiUrl: string;
  loginUrl: string;
  clientId?: string;
  clientSecret?: string;
}

export const GRAPH_API_URL = "https://graph.microsoft.com/v1.0";
export const MICROSOFT_LOGIN_URL = "https://login.microsoftonline.com";

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`configuration problem${problems.length > 1 ? "s" : ""}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export const DEFAULT_CHAT_MODEL = "gpt-4o-mini";

/**
 * Reads the whole configuration from the environment and the optional config file, and reports every
 * problem at once in plain words, because fixing one error per restart is a miserable way to set up a bot.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): Config {
  const problems: string[] = [];
  const parsedEnv = envSchema.safeParse(env);
  if (!parsedEnv.success) problems.push(...parsedEnv.error.issues.map(describeEnvIssue));
  // The checks below still run on the valid variables, so one mistake never hides another.
  const invalid = new Set(parsedEnv.success ? [] : parsedEnv.error.issues.map((issue) => String(issue.path[0])));
  const e = parsedEnv.success ? parsedEnv.data : envSchema.parse(Object.fromEntries(Object.entries(env).filter(([key]) => !invalid.has(key))));

  if (e.SLACK_BOT_TOKEN && !e.SLACK_SIGNING_SECRET && !e.SLACK_APP_TOKEN) {
    problems.push("SLACK_BOT_TOKEN is set but SLACK_SIGNING_SECRET is missing (or set SLACK_APP_TOKEN for Socket Mode)");
  }
  if (!e.SLACK_BOT_TOKEN && (e.SLACK_SIGNING_SECRET || e.SLACK_APP_TOKEN)) {
    problems.push(`${e.SLACK_SIGNING_SECRET ? "SLACK_SIGNING_SECRET" : "SLACK_APP_TOKEN"} is set but SLACK_BOT_TOKEN is missing`);
  }
  if (e.SLACK_APP_TOKEN && !e.SLACK_APP_TOKEN.startsWith("xapp-")) {
    problems.push("SLACK_APP_TOKEN should be an app-level token starting with xapp-");
  }
  if (e.MicrosoftAppId && !e.MicrosoftAppPassword && e.MicrosoftAppType !== "UserAssignedMSI") {
    problems.push("MicrosoftAppId is set but MicrosoftAppPassword is missing");
  }
  if (e.MicrosoftAppType === "SingleTenant" && !e.MicrosoftAppTenantId) {
    problems.push("MicrosoftAppType is SingleTenant but MicrosoftAppTenantId is missing");
  }

  const file = readConfigFile(e.DOCENT_CONFIG, cwd, problems);
  if (problems.length > 0) throw new ConfigError(problems);

  const baseDir = file.path ? resolve(file.path, "..") : cwd;
  const sources = (file.content.sources ?? [defaultSource()]).map((source) => (source.path ? { ...source, path: resolve(baseDir, source.path) } : source));
  const scopes = file.content.scopes ?? {};
  const llmEnabled = Boolean(e.OPENAI_API_KEY || e.OPENAI_BASE_URL);
  return {
    port: e.PORT,
    dbPath: e.DOCENT_DB ?? resolve(cwd, "data/lancedb"),
    objectStore: objectStoreOptions(e.DOCENT_DB ?? "", env),
    redisUrl: e.DOCENT_REDIS_URL,
    playground: e.DOCENT_PLAYGROUND,
    syncIntervalMs: parseDuration(e.DOCENT_SYNC_INTERVAL),
    watch: e.DOCENT_WATCH,
    indexWriter: e.DOCENT_INDEX_WRITER,
    limits: { maxConcurrent: e.DOCENT_MAX_CONCURRENT, perUserPerMinute: e.DOCENT_RATE_LIMIT_PER_MINUTE },
    adminToken: e.DOCENT_ADMIN_TOKEN ?? null,
    logLevel: e.LOG_LEVEL,
    llm: llmEnabled
      ? { apiKey: e.OPENAI_API_KEY, baseURL: e.OPENAI_BASE_URL, chatModel: e.DOCENT_CHAT_MODEL ?? DEFAULT_CHAT_MODEL, timeoutMs: e.DOCENT_LLM_TIMEOUT_MS }
      : null,
    embedding: e.DOCENT_EMBEDDING_MODEL ? { apiKey: e.OPENAI_API_KEY, baseURL: e.OPENAI_BASE_URL, model: e.DOCENT_EMBEDDING_MODEL } : null,
    quoteByMeaning: e.DOCENT_QUOTE_BY_MEANING,
    rerankByMeaning: { answers: e.DOCENT_RERANK_BY_MEANING ?? !llmEnabled, search: e.DOCENT_RERANK_BY_MEANING ?? false },
    slack: e.SLACK_BOT_TOKEN
      ? { botToken: e.SLACK_BOT_TOKEN, signingSecret: e.SLACK_SIGNING_SECRET, appToken: e.SLACK_APP_TOKEN, apiUrl: e.SLACK_API_URL }
      : null,
    teams: { appId: e.MicrosoftAppId, appPassword: e.MicrosoftAppPassword, appType: e.MicrosoftAppType, tenantId: e.MicrosoftAppTenantId },
    graph: {
      apiUrl: e.GRAPH_API_URL ?? GRAPH_API_URL,
      loginUrl: e.MICROSOFT_LOGIN_URL ?? MICROSOFT_LOGIN_URL,
      clientId: e.SHAREPOINT_CLIENT_ID ?? e.MicrosoftAppId,
      clientSecret: e.SHAREPOINT_CLIENT_SECRET ?? e.MicrosoftAppPassword,
    },
    sources,
    sourceCredentials: Object.fromEntries(sources.flatMap(credentialVariables).map((name) => [name, env[name]?.trim() || undefined])),
    scopes,
    slackBehaviour: file.content.slack ?? { threadFollowUps: true, followUpOptOut: [], suggestedPrompts: [] },
    verifiers: { slack: file.content.verified?.slackUsers ?? [], teams: (file.content.verified?.teamsUsers ?? []).map((id) => id.toLowerCase()) },
    configFile: file.path,
  };
}

function parseDuration(text: string | undefined): number | null {
  const match = text ? /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)$/i.exec(text) : null;
  if (!match) return null;
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[2]!.toLowerCase() as "ms" | "s" | "m" | "h"];
  return Math.round(Number(match[1]) * unit) || null;
}

/** With no config file, the sample knowledge base is the one source, open to every conversation. */
function defaultSource(): SourceConfig {
  return { name: "knowledge", type: "folder", path: "knowledge", collection: "default", prettyUrls: false };
}

/**
 * Only the config file (named by DOCENT_CONFIG, else docent.config.json in `cwd`), for commands that need
 * none of the rest (`docent teams-package`); empty when there is none. Problems throw as in loadConfig.
 */
export function loadConfigFile(env: Record<string, string | undefined>, cwd: string): ConfigFile {
  const problems: string[] = [];
  const file = readConfigFile(env.DOCENT_CONFIG?.trim() || undefined, cwd, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return file.content;
}

function readConfigFile(named: string | undefined, cwd: string, problems: string[]): { path: string | null; content: ConfigFile } {
  const path = resolve(cwd, named ?? "docent.config.json");
  if (!existsSync(path)) {
    if (named) problems.push(`DOCENT_CONFIG names ${path}, which does not exist`);
    return { path: null, content: {} };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    problems.push(`${path} is not valid JSON: ${(error as Error).message}`);
    return { path, content: {} };
  }
  const parsed = configFileSchema.safeParse(raw);
  if (!parsed.success) {
    problems.push(...parsed.error.issues.map((issue) => `${path}: ${issue.path.length ? `${issue.path.join(".")}: ` : ""}${issue.message}`));
    return { path, content: {} };
  }
  return { path, content: parsed.data };
}

function describeEnvIssue(issue: z.core.$ZodIssue): string {
  const name = String(issue.path[0] ?? "environment");
  if (issue.message.startsWith(name)) return issue.message;
  if (issue.code === "invalid_value") return `${name} must be one of ${issue.values.join(", ")}`;
  if (issue.code === "invalid_type" && issue.expected === "number") return `${name} must be a number`;
  if (issue.code === "too_big" || issue.code === "too_small") return `${name} is out of range (${issue.message.toLowerCase()})`;
  return `${name}: ${issue.message}`;
}

/** The environment variables a source takes its credentials from. */
export function credentialVariables(source: SourceConfig): string[] {
  if (source.type === "confluence") return [source.emailEnv ?? "CONFLUENCE_EMAIL", source.tokenEnv ?? "CONFLUENCE_API_TOKEN"];
  return [];
}

/** The config file's JSON Schema, for editors (`docent config-schema > docent.schema.json`). */
export function configFileJsonSchema(): unknown {
  return z.toJSONSchema(configFileSchema, { io: "input" });
}
