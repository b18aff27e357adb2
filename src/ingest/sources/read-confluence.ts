import { randomUUID } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import type { Logger } from "../../logger.ts";
import { EVERYONE } from "../../shared/principals.ts";
import { sha256 } from "../../shared/sha256.ts";
import type { LoadedContent } from "../loaded-document.ts";
import { SourceError, type ListOptions, type SourceEntry, type SourceReader } from "../source-reader.ts";
import { createConfluenceClient, type ConfluenceClient, type ConfluenceClientOptions } from "./confluence-client.ts";
import { pageReaders, subjectsToPrincipals, type ConfluenceSubject, type PrincipalNaming } from "./confluence-readers.ts";
import { confluenceStorageToMarkdown } from "./confluence-storage-to-markdown.ts";
import { mapWithConcurrency } from "./map-with-concurrency.ts";
import { withHeadingChain } from "./with-heading-chain.ts";

export interface ConfluenceSourceOptions
  extends Pick<ConfluenceClientOptions, "email" | "token" | "credentialNames" | "fetch" | "maxRetryAfterMs" | "onThrottled"> {
  /** e.g. `https://acme.atlassian.net/wiki`. */
  url: string;
  /** Space keys. */
  spaces: string[];
  /** "ignore": no permission is read, every page is everyone's. */
  permissions: "enforce" | "ignore";
  everyoneGroups?: string[];
  /** Requests in flight at once (default 4). */
  concurrency?: number;
  /** Where page versions, converted bodies and user emails are kept between syncs. */
  cacheDir: string;
  /** Mixed into every hash, so a change of settings that alters the output re-indexes the pages. */
  salt: string;
  logger?: Logger;
}

export const CONFLUENCE_DEFAULTS = { concurrency: 4, pageLimit: 250 } as const;

const linksSchema = z.object({ next: z.string().optional() }).passthrough().optional();
const spacesSchema = z.object({
  results: z.array(z.object({ id: z.union([z.string(), z.number()]).transform(String), key: z.string(), name: z.string().optional() }).passthrough()),
});
const pageSchema = z
  .object({
    id: z.union([z.string(), z.number()]).transform(String),
    title: z.string(),
    parentId: z.union([z.string(), z.number()]).transform(String).nullish(),
    version: z.object({ number: z.number(), createdAt: z.string().optional() }).passthrough(),
    body: z
      .object({ storage: z.object({ value: z.string() }).passthrough().optional() })
      .passthrough()
      .optional(),
    _links: z.object({ webui: z.string().optional() }).passthrough().optional(),
  })
  .passthrough();
const pagesSchema = z.object({ results: z.array(pageSchema), _links: linksSchema });
const permissionsSchema = z.object({
  results: z.array(
    z
      .object({
        principal: z.object({ type: z.string(), id: z.string().nullish() }).passthrough().nullish(),
        operation: z.object({ key: z.string().optional(), targetType: z.string().optional() }).passthrough().nullish(),
      })
      .passthrough(),
  ),
  _links: linksSchema,
});
const userSchema = z.object({ accountId: z.string(), email: z.string().nullish() }).passthrough();
const restrictionSchema = z
  .object({
    restrictions: z
      .object({
        user: z
          .object({ results: z.array(userSchema) })
          .passthrough()
          .optional(),
        group: z
          .object({ results: z.array(z.object({ id: z.string().optional(), name: z.string().optional() }).passthrough()) })
          .passthrough()
          .optional(),
      })
      .passthrough()
      .optional(),
  })
  .passthrough();

type Page = z.infer<typeof pageSchema>;

/** What is kept of a page between syncs: enough to index it again (moved, re-permissioned) without its body. */
interface CachedPage {
  version: number;
  title: string;
  markdown: string;
}

interface ConfluenceCache {
  pages: Record<string, CachedPage>;
  /** accountId → email ("" when Confluence does not give it out). */
  emails: Record<string, string>;
  /** accountId → when its email was looked up (ms): looked up again after a day, as emails change. */
  emailsAt?: Record<string, number>;
}

const EMAIL_TTL_MS = 24 * 3600_000;

interface ListedPage {
  page: Page;
  space: { key: string; name: string };
}

/**
 * Confluence Cloud spaces through the REST API: pages listed per space (v2, cursor pagination), bodies in
 * storage format converted to Markdown, the space name, ancestors and title as the heading chain, the web
 * link as citation, the version's date as freshness. Incremental: after the first sync the listing comes
 * without bodies, and only pages whose version changed are fetched again; a page no longer listed is
 * deleted. With permissions enforced, every sync reads the space's read permissions and each page's read
 * restriction (permissions change without a new version), and the readers are part of each content hash,
 * so a permission-only change re-indexes the page. A listing that fails fails the whole sync: the previous
 * version keeps serving.
 */
export function readConfluence(options: ConfluenceSourceOptions): SourceReader {
  const cacheFile = join(options.cacheDir, "confluence-cache.json");
  const concurrency = options.concurrency ?? CONFLUENCE_DEFAULTS.concurrency;
  const base = options.url.replace(/\/+$/, "");
  const everyoneGroups = new Set((options.everyoneGroups ?? []).map((group) => group.toLowerCase()));
  const loaded = new Map<string, LoadedContent | { error: string }>();

  return {
    location: `${base} (${options.spaces.join(", ")})`,
    async list(listOptions?: ListOptions): Promise<SourceEntry[]> {
      loaded.clear();
      const logger = options.logger;
      const client = createConfluenceClient({
        ...options,
        baseUrl: base,
        onThrottled:
          options.onThrottled ??
          ((waitMs, path) => logger?.warn({ waitMs, path }, `Confluence is throttling the sync; waiting ${Math.round(waitMs / 1000)} s as it asks`)),
      });
      const cache = await loadCache(cacheFile, options.salt);
      const firstSync = Object.keys(cache.pages).length === 0;
      const listed: ListedPage[] = [];
      const spaceReaders = new Map<string, string[]>();
      const subjectsOfSpace = new Map<string, ConfluenceSubject[]>();
      for (const key of options.spaces) {
        const found = spacesSchema.parse(await client.get("/api/v2/spaces", { keys: key })).results.find((space) => space.key === key);
        if (!found) throw new SourceError(`Confluence space "${key}" does not exist or the account cannot see it`);
        const space = { key, name: found.name ?? key };
        // The first sync takes bodies with the listing; later ones list cheaply and fetch only what changed.
        let link: string | undefined = `/api/v2/spaces/${encodeURIComponent(found.id)}/pages`;
        let query: Record<string, string | number | undefined> | undefined = {
          limit: CONFLUENCE_DEFAULTS.pageLimit,
          "body-format": firstSync ? "storage" : undefined,
        };
        while (link) {
          const batch = pagesSchema.parse(await client.get(link, query));
          for (const page of batch.results) listed.push({ page, space });
          link = batch._links?.next;
          query = undefined;
          listOptions?.onProgress?.(listed.length, 0);
        }
        if (options.permissions === "enforce") subjectsOfSpace.set(key, await readSpaceSubjects(client, found.id));
      }

      const total = listed.length * (options.permissions === "enforce" ? 2 : 1);
      let done = 0;
      const progress = () => listOptions?.onProgress?.(++done, total);
      const fresh = Object.keys(cache.emails).filter((id) => (cache.emailsAt?.[id] ?? 0) > Date.now() - EMAIL_TTL_MS);
      const next: ConfluenceCache = {
        pages: {},
        emails: Object.fromEntries(fresh.map((id) => [id, cache.emails[id]!])),
        emailsAt: Object.fromEntries(fresh.map((id) => [id, cache.emailsAt![id]!])),
      };
      const failed = new Map<string, string>();
      await mapWithConcurrency(listed, concurrency, async ({ page }) => {
        const cached = cache.pages[page.id];
        try {
          if (cached && cached.version === page.version.number) next.pages[page.id] = { ...cached, title: page.title };
          else {
            const storage = page.body?.storage?.value ?? (await fetchBody(client, page.id));
            next.pages[page.id] = { version: page.version.number, title: page.title, markdown: confluenceStorageToMarkdown(storage) };
          }
        } catch (error) {
          if (error instanceof SourceError) throw error;
          failed.set(page.id, (error as Error).message);
          if (cached) next.pages[page.id] = cached;
        }
        progress();
      });

      const restrictions = new Map<string, ConfluenceSubject[] | null>();
      if (options.permissions === "enforce") {
        await mapWithConcurrency(listed, concurrency, async ({ page }) => {
          try {
            restrictions.set(page.id, await readRestriction(client, page.id));
          } catch (error) {
            // Unknown readers must not be guessed: the page keeps its previous version (and readers) this time.
            if (error instanceof SourceError) throw error;
            failed.set(page.id, `its read restriction could not be read (${(error as Error).message})`);
          }
          progress();
        });
        const accounts = new Set<string>();
        for (const subjects of [...subjectsOfSpace.values(), ...restrictions.values()])
          for (const subject of subjects ?? []) if (subject.kind === "user" && next.emails[subject.accountId] === undefined) accounts.add(subject.accountId);
        await mapWithConcurrency([...accounts], concurrency, async (accountId) => {
          try {
            const user = userSchema.parse(await client.get("/rest/api/user", { accountId }));
            next.emails[accountId] = user.email ?? "";
            next.emailsAt![accountId] = Date.now();
          } catch (error) {
            // A deleted account, say: it stands as its account id, which matches no asker (never more access).
            if (error instanceof SourceError) throw error;
          }
        });
        for (const [key, subjects] of subjectsOfSpace) {
          const readers = subjectsToPrincipals(subjects, naming(next.emails, everyoneGroups));
          spaceReaders.set(key, readers);
          // The usual cause of a bot that answers nothing from Confluence in channels: say it once per sync.
          if (!readers.includes(EVERYONE))
            logger?.warn(
              { space: key, readers: readers.length },
              `Confluence space ${key} is not readable by everyone (no anonymous access and no group of "everyoneGroups"): its pages are answered only in DMs to their readers`,
            );
        }
      }

      const byId = new Map(listed.map((entry) => [entry.page.id, entry.page]));
      const entries = listed.map(({ page, space }): SourceEntry => {
        const updatedAt = Date.parse(page.version.createdAt ?? "") || Date.now();
        const error = failed.get(page.id);
        const kept = next.pages[page.id];
        if (error || !kept) {
          loaded.set(page.id, { error: error ?? "the page body could not be read" });
          return { docId: page.id, contentHash: `unavailable:${randomUUID()}`, updatedAt };
        }
        const chain = ancestorsOf(page, byId);
        const unknownAncestor = chain.find((ancestor) => failed.has(ancestor.id) && !restrictions.has(ancestor.id));
        if (options.permissions === "enforce" && unknownAncestor) {
          loaded.set(page.id, { error: `the read restriction of its ancestor ${unknownAncestor.id} could not be read` });
          return { docId: page.id, contentHash: `unavailable:${randomUUID()}`, updatedAt };
        }
        const readers =
          options.permissions === "enforce"
            ? pageReaders(
                spaceReaders.get(space.key) ?? [],
                [page, ...chain].map((p) => {
                  const subjects = restrictions.get(p.id);
                  return subjects ? subjectsToPrincipals(subjects, naming(next.emails, everyoneGroups)) : null;
                }),
              )
            : undefined;
        const titles = [space.name, ...chain.map((p) => p.title).reverse(), page.title];
        const content: LoadedContent = {
          title: page.title,
          url: page._links?.webui ? `${base}${page._links.webui}` : null,
          markdown: withHeadingChain(titles, kept.markdown),
          keywords: "",
          ...(readers ? { readers } : {}),
        };
        loaded.set(page.id, content);
        return { docId: page.id, contentHash: sha256(JSON.stringify([options.salt, page.id, kept.version, titles, content.url, readers ?? null])), updatedAt };
      });
      await saveCache(cacheFile, options.salt, next);
      return entries;
    },
    async load(docId) {
      const content = loaded.get(docId);
      if (!content) throw new Error(`page ${docId} is not in the listed spaces`);
      if ("error" in content) throw new Error(`page ${docId}: ${content.error}`);
      return content;
    },
  };
}

function naming(emails: Record<string, string>, everyoneGroups: ReadonlySet<string>): PrincipalNaming {
  return { emailOf: (accountId) => emails[accountId] || null, everyoneGroups };
}

/** The page's ancestors within the listing, parent first; a cycle or a parent outside the spaces ends the chain. */
function ancestorsOf(page: Page, byId: Map<string, Page>): Page[] {
  const chain: Page[] = [];
  const seen = new Set([page.id]);
  for (
    let parent = page.parentId ? byId.get(page.parentId) : undefined;
    parent && !seen.has(parent.id);
    parent = parent.parentId ? byId.get(parent.parentId) : undefined
  ) {
    seen.add(parent.id);
    chain.push(parent);
  }
  return chain;
}

async function fetchBody(client: ConfluenceClient, id: string): Promise<string> {
  const page = pageSchema.parse(await client.get(`/api/v2/pages/${encodeURIComponent(id)}`, { "body-format": "storage" }));
  return page.body?.storage?.value ?? "";
}

/** Who holds the space's "read space" permission. */
async function readSpaceSubjects(client: ConfluenceClient, spaceId: string): Promise<ConfluenceSubject[]> {
  const subjects: ConfluenceSubject[] = [];
  let link: string | undefined = `/api/v2/spaces/${encodeURIComponent(spaceId)}/permissions`;
  let query: Record<string, string | number> | undefined = { limit: 250 };
  while (link) {
    const batch = permissionsSchema.parse(await client.get(link, query));
    for (const permission of batch.results) {
      if (permission.operation?.key !== "read" || (permission.operation.targetType && permission.operation.targetType !== "space")) continue;
      const { type, id } = permission.principal ?? { type: "" };
      if (type === "anonymous") subjects.push({ kind: "anonymous" });
      else if (type === "user" && id) subjects.push({ kind: "user", accountId: id });
      else if (type === "group" && id) subjects.push({ kind: "group", id });
    }
    link = batch._links?.next;
    query = undefined;
  }
  return subjects;
}

/** The page's own read restriction: null when it has none (anyone who may read the space, as far as this page goes). */
async function readRestriction(client: ConfluenceClient, id: string): Promise<ConfluenceSubject[] | null> {
  const restriction = restrictionSchema.parse(
    await client.get(`/rest/api/content/${encodeURIComponent(id)}/restriction/byOperation/read`, {
      expand: "restrictions.user,restrictions.group",
      limit: 200,
    }),
  );
  const users = restriction.restrictions?.user?.results ?? [];
  const groups = restriction.restrictions?.group?.results ?? [];
  if (users.length === 0 && groups.length === 0) return null;
  return [
    ...users.map((user): ConfluenceSubject => ({ kind: "user", accountId: user.accountId })),
    ...groups.filter((group) => group.id || group.name).map((group): ConfluenceSubject => ({ kind: "group", id: group.id ?? group.name!, name: group.name })),
  ];
}

const FORMAT = 1;

async function loadCache(file: string, salt: string): Promise<ConfluenceCache> {
  try {
    const stored = JSON.parse(await readFile(file, "utf8")) as { format?: number; salt?: string } & Partial<ConfluenceCache>;
    if (stored.format === FORMAT && stored.salt === salt) return { pages: stored.pages ?? {}, emails: stored.emails ?? {}, emailsAt: stored.emailsAt ?? {} };
  } catch {
    // missing or unreadable: the sync fetches every page once
  }
  return { pages: {}, emails: {} };
}

/** Written to a temporary file then renamed, so an interrupted sync leaves the previous cache intact. */
async function saveCache(file: string, salt: string, cache: ConfluenceCache): Promise<void> {
  await mkdir(join(file, ".."), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify({ format: FORMAT, salt, ...cache }));
  await rename(temporary, file);
}
