import { GRAPH_API_URL, MICROSOFT_LOGIN_URL, type GraphSettings, type SourceConfig } from "../config.ts";
import type { Logger } from "../logger.ts";
import { lazyReader } from "./lazy-reader.ts";
import { readFolder } from "./read-folder.ts";
import { SourceError, type SourceReader } from "./source-reader.ts";
import { sourceCacheDir } from "./sources/source-cache-dir.ts";

/** Bumped whenever loading or splitting changes, so every document is re-indexed once. */
const PIPELINE_VERSION = "1";

export interface ReaderContext {
  /**
   * DOCENT_DB: sources that keep state between syncs (a sitemap's validators, a git clone) keep it in
   * `<DOCENT_DB>/cache/<source name>`. Without it (or for an object-store index), a folder under the
   * system's temporary directory.
   */
  dbPath?: string;
  /** Overrides the cache folder altogether (tests). */
  cacheDir?: string;
  /** SharePoint: where Graph is and the app's credentials (Config.graph). */
  graph?: GraphSettings;
  /** Where credentials are read from (config's `sourceCredentials`: CONFLUENCE_EMAIL, CONFLUENCE_API_TOKEN…); default process.env. */
  env?: Record<string, string | undefined>;
  /** For what a live source has to say while it syncs (a throttled API, a file whose permissions failed). */
  logger?: Logger;
}

/** The reader for a configured source; settings that change the stored output are part of every hash. */
export function readerForSource(source: SourceConfig, context: ReaderContext = {}): SourceReader {
  // The owner is stored with every passage: changing it re-indexes (vectors are reused); none keeps old hashes.
  const salt = JSON.stringify([PIPELINE_VERSION, source.collection, source.baseUrl ?? null, source.prettyUrls, ...(source.owner ? [source.owner] : [])]);
  const cacheDir = () => context.cacheDir ?? sourceCacheDir(source, context.dbPath);
  switch (source.type) {
    case "folder":
      return readFolder({ root: source.path!, include: source.include, exclude: source.exclude, salt });
    case "sitemap":
      return lazyReader(source.url!, async () => {
        const { readSitemap } = await import("./sources/read-sitemap.ts");
        return readSitemap({
          sitemapUrl: source.url!,
          include: source.include,
          exclude: source.exclude,
          concurrency: source.concurrency,
          timeoutMs: source.timeoutMs,
          maxPages: source.maxPages,
          cacheDir: cacheDir(),
          salt,
        });
      });
    case "export":
      return lazyReader(source.path!, async () => {
        const { readExport } = await import("./sources/read-export.ts");
        return readExport({
          path: source.path!,
          format: source.format ?? "auto",
          urlPattern: source.urlPattern,
          include: source.include,
          exclude: source.exclude,
          salt: JSON.stringify([salt, source.format ?? "auto", source.urlPattern ?? null]),
        });
      });
    case "git":
      return lazyReader(source.subfolder ? `${source.url} (${source.subfolder})` : source.url!, async () => {
        const { readGit } = await import("./sources/read-git.ts");
        return readGit({
          url: source.url!,
          branch: source.branch,
          subfolder: source.subfolder,
          urlPattern: source.urlPattern,
          include: source.include,
          exclude: source.exclude,
          cacheDir: cacheDir(),
          salt: JSON.stringify([salt, source.branch ?? null, source.urlPattern ?? null]),
        });
      });
    case "sharepoint":
      return lazyReader([...(source.sites ?? []), ...(source.drives ?? [])].join(", "), async () => {
        const graph = context.graph ?? { apiUrl: GRAPH_API_URL, loginUrl: MICROSOFT_LOGIN_URL };
        if (!graph.clientId || !graph.clientSecret) {
          throw new SourceError(
            `source "${source.name}" reads SharePoint through Microsoft Graph and needs an app's credentials: set SHAREPOINT_CLIENT_ID and SHAREPOINT_CLIENT_SECRET (or the Teams app's MicrosoftAppId and MicrosoftAppPassword)`,
          );
        }
        const { readSharePoint } = await import("./sources/read-sharepoint.ts");
        return readSharePoint({
          credentials: {
            apiUrl: graph.apiUrl,
            loginUrl: graph.loginUrl,
            tenantId: source.tenantId!,
            clientId: graph.clientId,
            clientSecret: graph.clientSecret,
          },
          sites: source.sites ?? [],
          drives: source.drives ?? [],
          permissions: source.permissions ?? "enforce",
          cacheDir: cacheDir(),
          // A different Graph address is a different library: its state and delta links do not carry over.
          salt: JSON.stringify([salt, graph.apiUrl, source.tenantId, source.permissions ?? "enforce"]),
          logger: context.logger,
        });
      });
    case "confluence": {
      const emailEnv = source.emailEnv ?? "CONFLUENCE_EMAIL";
      const tokenEnv = source.tokenEnv ?? "CONFLUENCE_API_TOKEN";
      const permissions = source.permissions ?? "enforce";
      return lazyReader(`${source.url} (${source.spaces!.join(", ")})`, async () => {
        const env = context.env ?? process.env;
        const [email, token] = [env[emailEnv]?.trim(), env[tokenEnv]?.trim()];
        if (!email || !token) throw new SourceError(`source "${source.name}": set ${emailEnv} and ${tokenEnv} (a Confluence account's email and API token)`);
        const { readConfluence } = await import("./sources/read-confluence.ts");
        return readConfluence({
          url: source.url!,
          spaces: source.spaces!,
          permissions,
          everyoneGroups: source.everyoneGroups,
          concurrency: source.concurrency,
          email,
          token,
          credentialNames: `${emailEnv} and ${tokenEnv}`,
          logger: context.logger?.child({ source: source.name }),
          cacheDir: cacheDir(),
          // Permissions and the whole-organization groups change what every page is stored with.
          salt: JSON.stringify([salt, permissions, [...(source.everyoneGroups ?? [])].sort()]),
        });
      });
    }
    default:
      throw new SourceError(`source "${source.name}": type "${source.type}" is not supported yet`);
  }
}
