import { access, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Logger } from "../../logger.ts";
import { createGraphClient, GraphError, type GraphClient, type GraphCredentials } from "../../shared/graph-client.ts";
import { EVERYONE } from "../../shared/principals.ts";
import { sha256 } from "../../shared/sha256.ts";
import type { LoadedContent } from "../loaded-document.ts";
import { loaderFor } from "../loaders/load-document.ts";
import type { ListOptions, SourceEntry, SourceReader } from "../source-reader.ts";
import { mapWithConcurrency } from "./map-with-concurrency.ts";
import { readersFromPermissions, type GraphPermission } from "./readers-from-permissions.ts";
import { loadSharePointState, saveSharePointState, type DriveState, type KnownItem, type SharePointState } from "./sharepoint-state.ts";

export interface SharePointSourceOptions {
  credentials: GraphCredentials;
  /** `host:/path` of sites whose every document library is read. */
  sites: string[];
  /** Drive ids (`b!…`) of libraries or OneDrives. */
  drives: string[];
  /** Graph requests at once for permissions and downloads (default 4). */
  concurrency?: number;
  /** "ignore": no permission is read and every file counts as readable by everyone. */
  permissions?: "enforce" | "ignore";
  /** Where the delta links, the known items and the extracted files are kept between syncs. */
  cacheDir: string;
  /** Mixed into every hash, so a change of settings that alters the output re-indexes the files. */
  salt: string;
  logger?: Logger;
  /** The longest Retry-After honoured (default 60 s). */
  maxRetryAfterMs?: number;
  fetch?: typeof fetch;
}

/**
 * Sent with every delta request. Microsoft documents that with these three preferences an item appears in
 * the delta feed when only its sharing changed (annotated `@microsoft.graph.sharedChanged`), so a
 * permission change is picked up by the next sync like an edit. Not `hierarchicalsharing`: that reports
 * only the root of a permission hierarchy, and we would have to walk its descendants ourselves.
 */
export const DELTA_PREFER = "deltashowremovedasdeleted, deltatraversepermissiongaps, deltashowsharingchanges";

const DEFAULT_CONCURRENCY = 4;

/** A driveItem as the delta feed sends it (the fields we read). */
interface DeltaItem {
  id: string;
  name?: string;
  parentReference?: { id?: string; driveId?: string; path?: string };
  file?: { hashes?: { quickXorHash?: string; sha256Hash?: string; sha1Hash?: string } };
  folder?: object;
  root?: object;
  deleted?: object;
  cTag?: string;
  eTag?: string;
  webUrl?: string;
  lastModifiedDateTime?: string;
}

interface DeltaPage {
  value?: DeltaItem[];
  "@odata.nextLink"?: string;
  "@odata.deltaLink"?: string;
}

interface Drive {
  id: string;
  name: string;
}

/** A file we can read, as `list()` found it. */
type Readable = { driveId: string; itemId: string; name: string; file: NonNullable<KnownItem["file"]> };
type Listed = Readable | { error: string };

/** What `list()` found, for `load()` to hand out. */
type Listing = Map<string, Listed>;

/** What every sync of one source works with, settled once. */
interface SharePointSettings {
  options: SharePointSourceOptions;
  client: GraphClient;
  stateFile: string;
  contentDir: string;
  concurrency: number;
}

/**
 * SharePoint document libraries and OneDrives through Microsoft Graph. `list()` asks each drive's delta feed
 * what changed since the last sync (one request for an unchanged drive), reads the permissions of the files
 * that changed, and lists every known file under `<library>/<folders>/<name>` with a hash of its content
 * version, web address and readers: an edit, a rename or move, and a sharing change each re-index the file,
 * nothing else does. A file is downloaded only when its content changed (in `list()`, a few at a time; its
 * extracted text is kept in the cache folder for `load()`), so a moved file or a new permission costs no
 * download.
 */
export function readSharePoint(options: SharePointSourceOptions): SourceReader {
  const settings: SharePointSettings = {
    options,
    client: throttleLoggingClient(options),
    stateFile: join(options.cacheDir, "sharepoint-state.json"),
    contentDir: join(options.cacheDir, "content"),
    concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
  };
  let listed: Listing = new Map();

  return {
    location: [...options.sites, ...options.drives].join(", "),
    async list(listing) {
      const result = await listSharePoint(settings, listing?.onProgress);
      listed = result.listed;
      return result.entries;
    },
    async load(docId) {
      const file = listed.get(docId);
      if (!file) throw new Error(`${docId} is not in the library`);
      if ("error" in file) throw new Error(file.error);
      const {
        client,
        contentDir,
        options: { salt },
      } = settings;
      const content = (await readCached(contentDir, salt, file)) ?? (await extractToCache(client, contentDir, salt, file));
      return { ...content, url: file.file.webUrl ?? content.url, readers: file.file.readers ?? [] };
    },
  };
}

function throttleLoggingClient(options: SharePointSourceOptions): GraphClient {
  const { logger } = options;
  return createGraphClient({
    ...options.credentials,
    fetch: options.fetch,
    maxRetryAfterMs: options.maxRetryAfterMs,
    onThrottled: ({ url, status, waitMs }) =>
      logger?.warn(
        { status, waitMs, path: new URL(url).pathname },
        `Microsoft Graph is throttling (HTTP ${status}): waiting ${Math.round(waitMs / 100) / 10} s`,
      ),
  });
}

/** One sync: each drive's changes, the permissions of what changed, new content downloaded, every file listed. */
async function listSharePoint(settings: SharePointSettings, onProgress: OnProgress): Promise<{ listed: Listing; entries: SourceEntry[] }> {
  const { client, options, stateFile, contentDir } = settings;
  const state = await loadSharePointState(stateFile, options.salt);
  const drives = await resolveDrives(client, options, state);
  const { next, stale } = await readChanges(client, drives, state);
  await refreshFiles(settings, next, stale, onProgress);
  await saveSharePointState(stateFile, options.salt, next);
  await forgetReplacedFiles(contentDir, options.salt, state, next);
  const listed = listFiles(drives, next);
  await downloadNewContent(settings, listed, onProgress);
  return { listed, entries: entriesOf(listed, options.salt) };
}

type OnProgress = ListOptions["onProgress"];
/** A file whose permissions (and, when its folder moved, its address) are to be read again. */
type Stale = { driveId: string; itemId: string; relocated: boolean };

/** Every drive's state after its changes, and the files to ask about again. */
async function readChanges(client: GraphClient, drives: Drive[], state: SharePointState): Promise<{ next: SharePointState; stale: Stale[] }> {
  const next: SharePointState = { drives: {} };
  const stale: Stale[] = [];
  for (const drive of drives) {
    const { driveState, changed, relocated } = await readDriveChanges(client, drive, state.drives[drive.id]);
    next.drives[drive.id] = driveState;
    for (const [itemId, item] of Object.entries(driveState.items)) {
      // Files whose permissions failed last time are asked again, changed or not.
      if (item.file && loaderFor(item.name) && (changed.has(itemId) || item.file.readers === null))
        stale.push({ driveId: drive.id, itemId, relocated: relocated.has(itemId) });
    }
  }
  return { next, stale };
}

/** The stale files' readers (and addresses) into `next`, a few at a time. */
async function refreshFiles(settings: SharePointSettings, next: SharePointState, stale: Stale[], onProgress: OnProgress): Promise<void> {
  let done = 0;
  await mapWithConcurrency(stale, settings.concurrency, async (file) => {
    await refreshFile(settings, next.drives[file.driveId]!.items, file);
    onProgress?.(++done, stale.length);
  });
}

async function refreshFile(settings: SharePointSettings, items: Record<string, KnownItem>, { driveId, itemId, relocated }: Stale): Promise<void> {
  const { client, options } = settings;
  const itemPath = `/drives/${encodeURIComponent(driveId)}/items/${encodeURIComponent(itemId)}`;
  try {
    if (relocated) {
      const moved = await client.getJson<{ webUrl?: string }>(`${itemPath}?$select=id,webUrl`);
      items[itemId]!.file!.webUrl = moved.webUrl ?? items[itemId]!.file!.webUrl;
    }
    items[itemId]!.file!.readers =
      options.permissions === "ignore" ? [EVERYONE] : readersFromPermissions(await client.getAllPages<GraphPermission>(`${itemPath}/permissions`));
  } catch (error) {
    // Deleted since the delta was read: gone from the listing, and the index, now rather than next time.
    if (error instanceof GraphError && error.status === 404) delete items[itemId];
    else {
      items[itemId]!.file!.readers = null;
      options.logger?.warn({ driveId, itemId, err: (error as Error).message }, `could not read the permissions of ${items[itemId]!.name}`);
    }
  }
}

/**
 * Files whose content is new are downloaded and extracted here, a few at a time, into the cache that
 * `load()` reads: the sync itself loads one document after another. A file that fails is listed as failing.
 */
async function downloadNewContent(settings: SharePointSettings, listed: Listing, onProgress: OnProgress): Promise<void> {
  const { client, contentDir, options } = settings;
  const missing: [string, Readable][] = [];
  for (const [docId, file] of listed) {
    if (!("error" in file) && !(await exists(contentFile(contentDir, options.salt, file)))) missing.push([docId, file]);
  }
  let downloaded = 0;
  await mapWithConcurrency(missing, settings.concurrency, async ([docId, file]) => {
    try {
      await extractToCache(client, contentDir, options.salt, file);
    } catch (error) {
      listed.set(docId, { error: `${file.name}: ${(error as Error).message}` });
    }
    onProgress?.(++downloaded, missing.length);
  });
}

/** A file's hash covers its content version, address and readers; a failing file's matches nothing, so it is tried and reported. */
function entriesOf(listed: Listing, salt: string): SourceEntry[] {
  const entries: SourceEntry[] = [];
  for (const [docId, file] of listed) {
    if ("error" in file) entries.push({ docId, contentHash: `unavailable:${sha256(file.error)}:${Date.now()}`, updatedAt: Date.now() });
    else
      entries.push({
        docId,
        contentHash: sha256(JSON.stringify([salt, file.file.version, file.file.webUrl, file.file.readers])),
        updatedAt: file.file.lastModified,
      });
  }
  return entries;
}

/**
 * The drives to read: those named by id (their names kept from the last sync, so an unchanged drive costs
 * only its delta request), and every document library of each site (listed on every sync, so a new
 * library is found). A site or drive that cannot be read fails the listing: the previous version serves.
 */
async function resolveDrives(client: GraphClient, options: SharePointSourceOptions, state: SharePointState): Promise<Drive[]> {
  const drives = new Map<string, Drive>();
  for (const site of options.sites) {
    const [host, ...rest] = site.split(":");
    const found = await client.getJson<{ id: string }>(`/sites/${encodeURIComponent(host!)}:${encodeURI(rest.join(":") || "/")}`);
    const libraries = await client.getAllPages<Drive>(`/sites/${encodeURIComponent(found.id).replace(/%2C/gi, ",")}/drives?$select=id,name`);
    for (const library of libraries) drives.set(library.id, { id: library.id, name: library.name });
  }
  for (const id of options.drives) {
    if (drives.has(id)) continue;
    const known = state.drives[id]?.name;
    const name = known ?? (await client.getJson<Drive>(`/drives/${encodeURIComponent(id)}?$select=id,name`)).name;
    drives.set(id, { id, name });
  }
  return [...drives.values()];
}

/**
 * One drive's changes since its delta link (or all of it, the first time), applied to what we knew. The
 * feed gives an item's latest state, possibly more than once: the last one counts.
 */
async function readDriveChanges(
  client: GraphClient,
  drive: Drive,
  previous: DriveState | undefined,
): Promise<{ driveState: DriveState; changed: Set<string>; relocated: Set<string> }> {
  const { seen, full, deltaLink } = await fetchDelta(client, drive, previous);
  // A full enumeration is the whole truth: what it does not mention is gone.
  const items: Record<string, KnownItem> = full ? {} : structuredClone(previous?.items ?? {});
  const { changed, movedFolders } = applyDelta(items, seen);
  const relocated = relocateFiles(items, movedFolders, changed);
  // Every path starts at the root: without it every file would look orphaned, and be deleted from the index.
  const values = Object.values(items);
  if (values.length > 0 && !values.some((item) => item.kind === "root")) {
    throw new Error(`the delta feed of drive "${drive.name}" did not describe its root folder; nothing was changed`);
  }
  pruneOrphans(items, changed, relocated);
  return { driveState: { name: drive.name, deltaLink, items }, changed, relocated };
}

/**
 * Every page of the drive's delta feed, each item's last state by id, and the next delta link. A 410 (the
 * link expired: resync required) restarts from a full enumeration, once, at the Location Graph gives.
 */
async function fetchDelta(
  client: GraphClient,
  drive: Drive,
  previous: DriveState | undefined,
): Promise<{ seen: Map<string, DeltaItem>; full: boolean; deltaLink: string | null }> {
  const start = `/drives/${encodeURIComponent(drive.id)}/root/delta`;
  let url = previous?.deltaLink ?? start;
  let full = !previous?.deltaLink;
  let restarted = false;
  const seen = new Map<string, DeltaItem>();
  for (;;) {
    let page: DeltaPage;
    try {
      page = await client.getJson<DeltaPage>(url, { prefer: DELTA_PREFER });
    } catch (error) {
      if (error instanceof GraphError && error.status === 410 && !restarted) {
        restarted = true;
        full = true;
        seen.clear();
        url = error.location ?? start;
        continue;
      }
      throw error;
    }
    for (const item of page.value ?? []) {
      seen.delete(item.id);
      seen.set(item.id, item);
    }
    if (!page["@odata.nextLink"]) return { seen, full, deltaLink: page["@odata.deltaLink"] ?? null };
    url = page["@odata.nextLink"];
  }
}

/** The feed's items applied to `items`: the files that changed, and the folders renamed or moved. */
function applyDelta(items: Record<string, KnownItem>, seen: Map<string, DeltaItem>): { changed: Set<string>; movedFolders: Set<string> } {
  const changed = new Set<string>();
  const movedFolders = new Set<string>();
  for (const [id, item] of seen) {
    if (item.deleted) {
      delete items[id];
      continue;
    }
    const before = items[id];
    const known = knownItem(item, before);
    if (!known) continue;
    items[id] = known;
    if (known.kind === "file") changed.add(id);
    else if (known.kind === "folder" && before && (before.name !== known.name || before.parentId !== known.parentId)) movedFolders.add(id);
  }
  return { changed, movedFolders };
}

/**
 * A renamed or moved folder is reported alone, but the files inside have a new address, and may inherit
 * other permissions where they now are: they count as changed (added to `changed`), and their addresses are
 * asked for again (the set returned).
 */
function relocateFiles(items: Record<string, KnownItem>, movedFolders: Set<string>, changed: Set<string>): Set<string> {
  const relocated = new Set<string>();
  if (movedFolders.size === 0) return relocated;
  for (const [id, item] of Object.entries(items)) {
    if (item.kind !== "file" || changed.has(id)) continue;
    for (let parent = item.parentId; parent; parent = items[parent]?.parentId ?? null) {
      if (movedFolders.has(parent)) {
        relocated.add(id);
        changed.add(id);
        break;
      }
    }
  }
  return relocated;
}

/** Graph reports the contents of a deleted folder as deleted too; should it not, they go with their folder. */
function pruneOrphans(items: Record<string, KnownItem>, changed: Set<string>, relocated: Set<string>): void {
  for (let pruned = true; pruned; ) {
    pruned = false;
    for (const [id, item] of Object.entries(items)) {
      if (item.kind !== "root" && (!item.parentId || !items[item.parentId])) {
        delete items[id];
        changed.delete(id);
        relocated.delete(id);
        pruned = true;
      }
    }
  }
}

function knownItem(item: DeltaItem, before: KnownItem | undefined): KnownItem | null {
  const name = item.name ?? before?.name;
  if (name === undefined) return null;
  const parentId = item.root ? null : (item.parentReference?.id ?? before?.parentId ?? null);
  if (item.root) return { name, parentId: null, kind: "root" };
  if (item.folder) return { name, parentId, kind: "folder" };
  if (!item.file) return null;
  const hashes = item.file.hashes;
  return {
    name,
    parentId,
    kind: "file",
    file: {
      version: hashes?.quickXorHash ?? hashes?.sha256Hash ?? hashes?.sha1Hash ?? item.cTag ?? item.eTag ?? item.lastModifiedDateTime ?? "",
      webUrl: item.webUrl ?? null,
      lastModified: Date.parse(item.lastModifiedDateTime ?? "") || Date.now(),
      // Kept until the permissions are read again, which happens in the same sync for every changed file.
      readers: before?.file?.readers ?? null,
    },
  };
}

/**
 * Every readable file by docId: `<library name>/<folder path>/<file name>`. Libraries of the same name (two
 * sites' "Documents") are told apart by the end of their drive id. A file whose permissions could not be
 * read is listed as failing, so its previous version (and readers) stays in the index.
 */
function listFiles(drives: Drive[], state: SharePointState): Map<string, Listed> {
  const listed = new Map<string, Listed>();
  const names = drives.map((drive) => drive.name);
  for (const drive of drives) {
    const label = (names.filter((name) => name === drive.name).length > 1 ? `${drive.name} (${drive.id.slice(-6)})` : drive.name).replaceAll("/", "_");
    const items = state.drives[drive.id]!.items;
    for (const [itemId, item] of Object.entries(items)) {
      if (!item.file || !loaderFor(item.name)) continue;
      const path = pathOf(items, itemId);
      if (path === null) continue;
      const docId = `${label}/${path}`;
      if (listed.has(docId)) continue;
      listed.set(
        docId,
        item.file.readers === null
          ? { error: `the permissions of ${item.name} could not be read; its previous version stays` }
          : { driveId: drive.id, itemId, name: item.name, file: item.file },
      );
    }
  }
  return listed;
}

/**
 * An item's path from its drive's root, by its ancestors' names: Graph's delta leaves `parentReference.path`
 * out, and renaming a folder reports only the folder. Null when an ancestor is unknown (a folder the feed
 * has not described yet).
 */
function pathOf(items: Record<string, KnownItem>, itemId: string): string | null {
  const parts: string[] = [];
  let current: KnownItem | undefined = items[itemId];
  for (let depth = 0; current && current.kind !== "root"; depth++) {
    if (depth > 400) return null;
    parts.unshift(current.name);
    current = current.parentId ? items[current.parentId] : undefined;
  }
  return current ? parts.join("/") : null;
}

/** Where a file's extracted text is kept: one file per content version, so a new version never reads an old text. */
function contentFile(contentDir: string, salt: string, file: { driveId: string; itemId: string; file: { version: string } }): string {
  return join(contentDir, `${sha256(JSON.stringify([salt, file.driveId, file.itemId, file.file.version]))}.json`);
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

async function readCached(contentDir: string, salt: string, file: Readable): Promise<LoadedContent | null> {
  return readFile(contentFile(contentDir, salt, file), "utf8")
    .then((text) => JSON.parse(text) as LoadedContent)
    .catch(() => null);
}

/** Downloads a file and keeps its extracted text; written whole then renamed, so a crash never leaves half a text. */
async function extractToCache(client: GraphClient, contentDir: string, salt: string, file: Readable): Promise<LoadedContent> {
  const bytes = await client.download(`/drives/${encodeURIComponent(file.driveId)}/items/${encodeURIComponent(file.itemId)}/content`);
  const content = await loaderFor(file.name)!(bytes, file.name);
  const target = contentFile(contentDir, salt, file);
  await mkdir(contentDir, { recursive: true });
  await writeFile(`${target}.tmp`, JSON.stringify(content));
  await rename(`${target}.tmp`, target);
  return content;
}

/** Extracted texts of files that are gone or have a new version, so the cache does not grow with every change. */
async function forgetReplacedFiles(contentDir: string, salt: string, before: SharePointState, after: SharePointState): Promise<void> {
  for (const [driveId, drive] of Object.entries(before.drives)) {
    for (const [itemId, item] of Object.entries(drive.items)) {
      const now = after.drives[driveId]?.items[itemId]?.file;
      if (item.file && now?.version !== item.file.version) await rm(contentFile(contentDir, salt, { driveId, itemId, file: item.file }), { force: true });
    }
  }
}
