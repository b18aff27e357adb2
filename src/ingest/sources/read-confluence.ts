import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { z } from "zod";
import type { Logger } from "../../logger.ts";
import { EVERYONE } from "../../shared/principals.ts";
import { sha256 } from "../../shared/sha256.ts";
import type { LoadedContent } from "../loaded-document.ts";
import { SourceError, type ListOptions, type SourceEntry, type SourceReader } from "../source-reader.ts";
import { loadConfluenceCache, saveConfluenceCache, startNextConfluenceCache, type CachedPage, type ConfluenceCache } from "./confluence-cache.ts";
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

/** What `list()` made of a page, for `load()` to hand out. */
type Loaded = LoadedContent | { error: string };
type OnProgress = ListOptions["onProgress"];

interface ListedPage {
  page: Page;
  space: { key: string; name: string };
}

/** What one source's syncs work with, settled once. */
interface ConfluenceSettings {
  options: ConfluenceSourceOptions;
  base: string;
  cacheFile: string;
  concurrency: number;
  everyoneGroups: ReadonlySet<string>;
}

/** Who may read what, as far as this sync could tell (permissions enforced only). */
interface Access {
  spaceReaders: Map<string, string[]>;
  /** Page id → its own read restriction (null: none); a page whose restriction could not be read is absent. */
  restrictions: Map<string, ConfluenceSubject[] | null>;
  naming: PrincipalNaming;
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
  const settings: ConfluenceSettings = {
    options,
    base: options.url.replace(/\/+$/, ""),
    cacheFile: join(options.cacheDir, "confluence-cache.json"),
    concurrency: options.concurrency ?? CONFLUENCE_DEFAULTS.concurrency,
    everyoneGroups: new Set((options.everyoneGroups ?? []).map((group) => group.toLowerCase())),
  };
  const loaded = new Map<string, Loaded>();

  return {
    location: `${settings.base} (${options.spaces.join(", ")})`,
    async list(listOptions?: ListOptions): Promise<SourceEntry[]> {
      loaded.clear();
      return listConfluence(settings, loaded, listOptions?.onProgress);
    },
    async load(docId) {
      const content = loaded.get(docId);
      if (!content) throw new Error(`page ${docId} is not in the listed spaces`);
      if ("error" in content) throw new Error(`page ${docId}: ${content.error}`);
      return content;
    },
  };
}

/** One sync: list the spaces, convert what changed, read who may read it, and keep every page's content in `loaded`. */
async function listConfluence(settings: ConfluenceSettings, loaded: Map<string, Loaded>, onProgress: OnProgress): Promise<SourceEntry[]> {
  const { options } = settings;
  const client = throttleLoggingClient(options, settings.base);
  const cache = await loadConfluenceCache(settings.cacheFile, options.salt);
  const { listed, subjectsOfSpace } = await listSpaces(client, options, Object.keys(cache.pages).length === 0, onProgress);

  const enforce = options.permissions === "enforce";
  const total = listed.length * (enforce ? 2 : 1);
  let done = 0;
  const progress = () => onProgress?.(++done, total);
  const next = startNextConfluenceCache(cache);
  const failed = new Map<string, string>();
  await convertPages(client, listed, settings.concurrency, cache, next, failed, progress);
  const access = enforce ? await readAccess(client, settings, listed, subjectsOfSpace, next, failed, progress) : null;

  const byId = new Map(listed.map((entry) => [entry.page.id, entry.page]));
  const entries = listed.map((listedPage): SourceEntry => {
    const { entry, content } = pageEntry(listedPage, { settings, pages: next.pages, failed, byId, access });
    loaded.set(listedPage.page.id, content);
    return entry;
  });
  await saveConfluenceCache(settings.cacheFile, options.salt, next);
  return entries;
}

function throttleLoggingClient(options: ConfluenceSourceOptions, base: string): ConfluenceClient {
  const logger = options.logger;
  return createConfluenceClient({
    ...options,
    baseUrl: base,
    onThrottled:
      options.onThrottled ??
      ((waitMs, path) => logger?.warn({ waitMs, path }, `Confluence is throttling the sync; waiting ${Math.round(waitMs / 1000)} s as it asks`)),
  });
}

/** Every page of every space, in order, and (permissions enforced) who holds each space's read permission. */
async function listSpaces(
  client: ConfluenceClient,
  options: ConfluenceSourceOptions,
  firstSync: boolean,
  onProgress: OnProgress,
): Promise<{ listed: ListedPage[]; subjectsOfSpace: Map<string, ConfluenceSubject[]> }> {
  const listed: ListedPage[] = [];
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
      onProgress?.(listed.length, 0);
    }
    if (options.permissions === "enforce") subjectsOfSpace.set(key, await readSpaceSubjects(client, found.id));
  }
  return { listed, subjectsOfSpace };
}

/**
 * Each page's Markdown into `next.pages`: kept from the cache when its version is unchanged, else converted
 * from the body (fetched when the listing came without it). A page that fails is noted in `failed` and
 * keeps its cached version.
 */
async function convertPages(
  client: ConfluenceClient,
  listed: ListedPage[],
  concurrency: number,
  cache: ConfluenceCache,
  next: ConfluenceCache,
  failed: Map<string, string>,
  progress: () => void,
): Promise<void> {
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
}

/** Every page's read restriction, the emails of the accounts named, and each space's readers. */
async function readAccess(
  client: ConfluenceClient,
  settings: ConfluenceSettings,
  listed: ListedPage[],
  subjectsOfSpace: Map<string, ConfluenceSubject[]>,
  next: ConfluenceCache,
  failed: Map<string, string>,
  progress: () => void,
): Promise<Access> {
  const restrictions = await readRestrictions(client, listed, settings.concurrency, failed, progress);
  const accounts = new Set<string>();
  for (const subjects of [...subjectsOfSpace.values(), ...restrictions.values()])
    for (const subject of subjects ?? []) if (subject.kind === "user" && next.emails[subject.accountId] === undefined) accounts.add(subject.accountId);
  await lookUpEmails(client, [...accounts], settings.concurrency, next);
  const naming = namingOf(next.emails, settings.everyoneGroups);
  return { restrictions, naming, spaceReaders: readersOfSpaces(subjectsOfSpace, naming, settings.options.logger) };
}

async function readRestrictions(
  client: ConfluenceClient,
  listed: ListedPage[],
  concurrency: number,
  failed: Map<string, string>,
  progress: () => void,
): Promise<Map<string, ConfluenceSubject[] | null>> {
  const restrictions = new Map<string, ConfluenceSubject[] | null>();
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
  return restrictions;
}

/** Each account's email into `next.emails`, with the time it was looked up. */
async function lookUpEmails(client: ConfluenceClient, accounts: string[], concurrency: number, next: ConfluenceCache): Promise<void> {
  await mapWithConcurrency(accounts, concurrency, async (accountId) => {
    try {
      const user = userSchema.parse(await client.get("/rest/api/user", { accountId }));
      next.emails[accountId] = user.email ?? "";
      next.emailsAt![accountId] = Date.now();
    } catch (error) {
      // A deleted account, say: it stands as its account id, which matches no asker (never more access).
      if (error instanceof SourceError) throw error;
    }
  });
}

function readersOfSpaces(subjectsOfSpace: Map<string, ConfluenceSubject[]>, naming: PrincipalNaming, logger: Logger | undefined): Map<string, string[]> {
  const spaceReaders = new Map<string, string[]>();
  for (const [key, subjects] of subjectsOfSpace) {
    const readers = subjectsToPrincipals(subjects, naming);
    spaceReaders.set(key, readers);
    // The usual cause of a bot that answers nothing from Confluence in channels: say it once per sync.
    if (!readers.includes(EVERYONE))
      logger?.warn(
        { space: key, readers: readers.length },
        `Confluence space ${key} is not readable by everyone (no anonymous access and no group of "everyoneGroups"): its pages are answered only in DMs to their readers`,
      );
  }
  return spaceReaders;
}

/**
 * A page's listing entry and content: its heading chain, link and readers, hashed so that a move, a new title
 * or a permission change re-indexes it. A page whose body, or whose (or an ancestor's) read restriction,
 * could not be read is listed under a hash that matches nothing, so its previous version keeps serving.
 */
function pageEntry(
  { page, space }: ListedPage,
  sync: { settings: ConfluenceSettings; pages: Record<string, CachedPage>; failed: Map<string, string>; byId: Map<string, Page>; access: Access | null },
): { entry: SourceEntry; content: Loaded } {
  const { failed, access } = sync;
  const updatedAt = Date.parse(page.version.createdAt ?? "") || Date.now();
  const unavailable = (error: string) => ({ entry: { docId: page.id, contentHash: `unavailable:${randomUUID()}`, updatedAt }, content: { error } });
  const error = failed.get(page.id);
  const kept = sync.pages[page.id];
  if (error || !kept) return unavailable(error ?? "the page body could not be read");
  const chain = ancestorsOf(page, sync.byId);
  const unknownAncestor = access && chain.find((ancestor) => failed.has(ancestor.id) && !access.restrictions.has(ancestor.id));
  if (unknownAncestor) return unavailable(`the read restriction of its ancestor ${unknownAncestor.id} could not be read`);
  const readers = access ? readersOf(page, chain, access.spaceReaders.get(space.key) ?? [], access) : undefined;
  const titles = [space.name, ...chain.map((p) => p.title).reverse(), page.title];
  const { base, options } = sync.settings;
  const content: LoadedContent = {
    title: page.title,
    url: page._links?.webui ? `${base}${page._links.webui}` : null,
    markdown: withHeadingChain(titles, kept.markdown),
    keywords: "",
    ...(readers ? { readers } : {}),
  };
  const contentHash = sha256(JSON.stringify([options.salt, page.id, kept.version, titles, content.url, readers ?? null]));
  return { entry: { docId: page.id, contentHash, updatedAt }, content };
}

/** The space's readers narrowed by the page's and every ancestor's read restriction. */
function readersOf(page: Page, chain: Page[], spaceReaders: string[], access: Access): string[] {
  return pageReaders(
    spaceReaders,
    [page, ...chain].map((p) => {
      const subjects = access.restrictions.get(p.id);
      return subjects ? subjectsToPrincipals(subjects, access.naming) : null;
    }),
  );
}

function namingOf(emails: Record<string, string>, everyoneGroups: ReadonlySet<string>): PrincipalNaming {
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
