import { createHash, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request as Graph (or the sign-in service) received it. */
export interface GraphRequest {
  method: string;
  /** The path after the API's `/v1.0`, or the sign-in path (`/{tenant}/oauth2/v2.0/token`), or `/download/…`. */
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  prefer: string | undefined;
  status: number;
}

/** A driveItem `permission` in Graph's shape (the fields the fake serves as given). */
export type FakePermission = Record<string, unknown>;

interface FakeItem {
  id: string;
  name: string;
  parentId: string | null;
  kind: "root" | "folder" | "file";
  bytes?: Buffer;
  permissions: FakePermission[];
  lastModified: string;
  /** The drive's change counter when the item last changed; what delta tokens are compared with. */
  changedAt: number;
  /** Whether that last change was a sharing change (`@microsoft.graph.sharedChanged`). */
  sharingChanged: boolean;
  deleted: boolean;
}

interface FakeDrive {
  id: string;
  name: string;
  siteId: string | null;
  items: Map<string, FakeItem>;
  counter: number;
  /** Delta tokens of an older generation answer 410 (resync required). */
  generation: number;
}

export interface FakeGraph {
  /** GRAPH_API_URL: `http://127.0.0.1:PORT/v1.0`. */
  apiUrl: string;
  /** MICROSOFT_LOGIN_URL: `http://127.0.0.1:PORT`. */
  loginUrl: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  requests: GraphRequest[];
  /** A site at `host:/path`, with document libraries by name; returns the drive ids in order. */
  addSite(hostAndPath: string, libraries: string[]): string[];
  /** A OneDrive or library reachable by drive id only. */
  addDrive(name: string): string;
  /** Creates (or overwrites) a file at `path` ("HR/leave.md"), creating folders on the way. */
  putFile(driveId: string, path: string, content: string | Buffer, permissions?: FakePermission[]): string;
  move(driveId: string, from: string, to: string): void;
  remove(driveId: string, path: string): void;
  share(driveId: string, path: string, permissions: FakePermission[]): void;
  itemId(driveId: string, path: string): string;
  /** Every delta token issued so far for the drive stops working (410, resync required). */
  expireDeltaTokens(driveId: string): void;
  /** Every access token issued so far stops working (401 InvalidAuthenticationToken). */
  expireAccessTokens(): void;
  /** The next `times` Graph requests answer 429 (or 503) with Retry-After. */
  throttle(times: number, retryAfterSeconds: number, status?: 429 | 503): void;
  /** Graph requests whose path matches answer `status` (500: generalException) until `clear()`. */
  failRequests(pattern: RegExp, status: number): { clear(): void };
  /** Graph requests whose path matches are answered only after `ms` (a slow directory). */
  delayRequests(pattern: RegExp, ms: number): void;
  /** Lifetime (`expires_in`, seconds) of the tokens issued from now on (default 3599). */
  tokenLifetimeSeconds: number;
  /** A user for `/users/{id}` and the groups `/users/{id}/transitiveMemberOf` lists (paged by `pageSize`). */
  addUser(user: { id: string; userPrincipalName: string; mail?: string; groups: string[] }): void;
  /** Items per page of delta and memberOf responses (default 200). */
  pageSize: number;
  /** Graph requests (not the sign-in ones) whose path matches. */
  graphRequests(pattern?: RegExp): GraphRequest[];
  close(): Promise<void>;
}

const TENANT = "7c1f6e57-2d3b-4a0e-9d2b-1a5f0e3c9b11";

/**
 * Microsoft Graph and the Microsoft identity platform's token endpoint on 127.0.0.1, speaking their documented
 * wire: client-credentials tokens with `expires_in`, bearer checks (401 InvalidAuthenticationToken), sites by
 * path, a site's drives, a drive's `root/delta` paged with `@odata.nextLink` and ending in `@odata.deltaLink`
 * (deleted items with the `deleted` facet; `@microsoft.graph.sharedChanged` when asked for by `Prefer`; 410
 * with a Location to start again), `/content` answering 302 to a pre-authenticated download URL, item
 * permissions, users and their transitive group memberships, and throttling with Retry-After.
 */
export async function startFakeGraph(): Promise<FakeGraph> {
  const requests: GraphRequest[] = [];
  const drives = new Map<string, FakeDrive>();
  const sites = new Map<string, { id: string; drives: string[] }>();
  const users = new Map<string, { id: string; userPrincipalName: string; mail?: string; groups: string[] }>();
  const tokens = new Map<string, number>();
  let throttled: { times: number; seconds: number; status: number } = { times: 0, seconds: 0, status: 429 };
  let nextId = 1;
  const failures = new Set<{ pattern: RegExp; status: number }>();
  const delays: { pattern: RegExp; ms: number }[] = [];
  const clientId = randomUUID();
  const clientSecret = `fake~${randomUUID()}`;

  const server = createServer((req, res) => {
    handle(req, res).catch((error: Error) => {
      if (!res.headersSent) send(res, 500, { error: { code: "generalException", message: error.message } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const apiUrl = `${origin}/v1.0`;

  function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    const last = requests.at(-1);
    if (last) last.status = status;
    res.writeHead(status, { "content-type": "application/json", ...headers }).end(body === undefined ? undefined : JSON.stringify(body));
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", origin);
    const path = url.pathname.startsWith("/v1.0/") ? url.pathname.slice(5) : url.pathname;
    requests.push({
      method: req.method ?? "GET",
      path,
      query: url.searchParams,
      authorization: req.headers.authorization,
      prefer: String(req.headers.prefer ?? "") || undefined,
      status: 0,
    });
    const body = await new Promise<string>((resolve) => {
      let text = "";
      req.on("data", (chunk) => (text += chunk));
      req.on("end", () => resolve(text));
    });

    const tokenRoute = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(url.pathname);
    if (tokenRoute && req.method === "POST") {
      const form = new URLSearchParams(body);
      if (decodeURIComponent(tokenRoute[1]!) !== TENANT)
        return send(res, 400, { error: "invalid_tenant", error_description: `AADSTS90002: Tenant '${tokenRoute[1]}' not found.` });
      if (form.get("grant_type") !== "client_credentials" || form.get("scope") !== "https://graph.microsoft.com/.default")
        return send(res, 400, { error: "invalid_request", error_description: "AADSTS900144: bad grant_type or scope." });
      if (form.get("client_id") !== clientId || form.get("client_secret") !== clientSecret)
        return send(res, 401, { error: "invalid_client", error_description: "AADSTS7000215: Invalid client secret provided." });
      const token = `eyJ0eXAiOiJKV1QiLCJub25jZSI6.${randomUUID()}`;
      tokens.set(token, Date.now() + graph.tokenLifetimeSeconds * 1000);
      return send(res, 200, { token_type: "Bearer", expires_in: graph.tokenLifetimeSeconds, ext_expires_in: graph.tokenLifetimeSeconds, access_token: token });
    }

    const download = /^\/download\/([^/]+)\/([^/]+)$/.exec(url.pathname);
    if (download) {
      const item = drives.get(decodeURIComponent(download[1]!))?.items.get(decodeURIComponent(download[2]!));
      if (!item?.bytes || item.deleted || !url.searchParams.get("tempauth")) return send(res, 404, { error: { code: "itemNotFound", message: "not found" } });
      requests.at(-1)!.status = 200;
      res.writeHead(200, { "content-type": "application/octet-stream" }).end(item.bytes);
      return;
    }

    if (!url.pathname.startsWith("/v1.0/")) return send(res, 404, { error: { code: "BadRequest", message: "Invalid version." } });
    const expiry = tokens.get(/^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1] ?? "");
    if (expiry === undefined || expiry < Date.now())
      return send(res, 401, {
        error: {
          code: "InvalidAuthenticationToken",
          message: expiry === undefined ? "Access token is empty." : "Lifetime validation failed, the token is expired.",
        },
      });
    if (throttled.times > 0) {
      throttled.times--;
      return send(
        res,
        throttled.status,
        { error: { code: throttled.status === 429 ? "TooManyRequests" : "serviceNotAvailable", message: "Please retry after the time given in Retry-After." } },
        { "retry-after": String(throttled.seconds) },
      );
    }
    const delay = delays.find((d) => d.pattern.test(path));
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay.ms));
    const failure = [...failures].find((f) => f.pattern.test(path));
    if (failure) return send(res, failure.status, { error: { code: "generalException", message: "An unexpected error occurred." } });
    return route(req, res, path, url.searchParams);
  }

  function route(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams) {
    let m: RegExpExecArray | null;
    if ((m = /^\/sites\/([^/]+):(\/.*)$/.exec(path))) {
      const site = sites.get(`${decodeURIComponent(m[1]!)}:${decodeURIComponent(m[2]!)}`);
      if (!site) return send(res, 404, { error: { code: "itemNotFound", message: "Requested site could not be found" } });
      return send(res, 200, { id: site.id, name: m[2]!.split("/").pop(), webUrl: `https://${m[1]}${m[2]}` });
    }
    if ((m = /^\/sites\/([^/]+)\/drives$/.exec(path))) {
      const site = [...sites.values()].find((s) => s.id === decodeURIComponent(m![1]!));
      if (!site) return send(res, 404, { error: { code: "itemNotFound", message: "Requested site could not be found" } });
      return send(res, 200, { value: site.drives.map((id) => driveJson(drives.get(id)!)) });
    }
    if ((m = /^\/drives\/([^/]+)$/.exec(path))) {
      const drive = drives.get(decodeURIComponent(m[1]!));
      return drive ? send(res, 200, driveJson(drive)) : send(res, 404, { error: { code: "itemNotFound", message: "The drive cannot be found." } });
    }
    if ((m = /^\/drives\/([^/]+)\/root\/delta$/.exec(path))) {
      const drive = drives.get(decodeURIComponent(m[1]!));
      if (!drive) return send(res, 404, { error: { code: "itemNotFound", message: "The drive cannot be found." } });
      return delta(res, drive, query, String(req.headers.prefer ?? ""));
    }
    if ((m = /^\/drives\/([^/]+)\/items\/([^/]+)$/.exec(path))) {
      const drive = drives.get(decodeURIComponent(m[1]!));
      const item = drive?.items.get(decodeURIComponent(m[2]!));
      if (!drive || !item || item.deleted) return send(res, 404, { error: { code: "itemNotFound", message: "The resource could not be found." } });
      return send(res, 200, itemJson(drive, item, false));
    }
    if ((m = /^\/drives\/([^/]+)\/items\/([^/]+)\/(permissions|content)$/.exec(path))) {
      const drive = drives.get(decodeURIComponent(m[1]!));
      const item = drive?.items.get(decodeURIComponent(m[2]!));
      if (!drive || !item || item.deleted) return send(res, 404, { error: { code: "itemNotFound", message: "The resource could not be found." } });
      if (m[3] === "permissions") return send(res, 200, { value: item.permissions });
      return send(res, 302, undefined, {
        location: `${origin}/download/${encodeURIComponent(drive.id)}/${encodeURIComponent(item.id)}?tempauth=${randomUUID()}`,
      });
    }
    if ((m = /^\/users\/([^/]+)$/.exec(path))) {
      const user = users.get(decodeURIComponent(m[1]!).toLowerCase());
      if (!user) return send(res, 404, { error: { code: "Request_ResourceNotFound", message: "Resource does not exist." } });
      return send(res, 200, { id: user.id, userPrincipalName: user.userPrincipalName, mail: user.mail ?? null, displayName: user.userPrincipalName });
    }
    if ((m = /^\/users\/([^/]+)\/transitiveMemberOf$/.exec(path))) {
      const user = users.get(decodeURIComponent(m[1]!).toLowerCase());
      if (!user) return send(res, 404, { error: { code: "Request_ResourceNotFound", message: "Resource does not exist." } });
      const skip = Number(query.get("$skiptoken") ?? 0);
      const groups = user.groups.map((id) => ({ "@odata.type": "#microsoft.graph.group", id, displayName: `Group ${id.slice(0, 8)}` }));
      // Directory roles are memberships too; they are not groups anyone shares a document with.
      const all = [...groups, { "@odata.type": "#microsoft.graph.directoryRole", id: randomUUID(), displayName: "Global Reader" }];
      const page = all.slice(skip, skip + graph.pageSize);
      const more = skip + graph.pageSize < all.length;
      return send(res, 200, {
        "@odata.context": `${apiUrl}/$metadata#directoryObjects`,
        value: page,
        ...(more ? { "@odata.nextLink": `${apiUrl}/users/${encodeURIComponent(user.id)}/transitiveMemberOf?$skiptoken=${skip + graph.pageSize}` } : {}),
      });
    }
    return send(res, 400, { error: { code: "BadRequest", message: `Resource not found for the segment '${path}'.` } });
  }

  function delta(res: ServerResponse, drive: FakeDrive, query: URLSearchParams, prefer: string) {
    const token = /^g(\d+)-(\d+)$/.exec(query.get("token") ?? "");
    const since = token ? Number(token[2]) : null;
    if (query.get("token") !== null && (!token || Number(token[1]) !== drive.generation)) {
      return send(
        res,
        410,
        {
          error: {
            code: "resyncChangesApplyDifferences",
            message:
              "Resync required. Replace any local items with the server's version (including deletes) if you're sure that the service was up to date with your local changes when you last sync'd.",
          },
        },
        { location: `${apiUrl}/drives/${encodeURIComponent(drive.id)}/root/delta` },
      );
    }
    // A page link carries the enumeration's snapshot, so that later pages continue the same list.
    const snapshot = Number(query.get("snapshot") ?? drive.counter);
    const changes = [...drive.items.values()]
      .filter((item) => (since === null ? !item.deleted : item.changedAt > since) && item.changedAt <= snapshot)
      .sort((a, b) => depth(drive, a) - depth(drive, b) || a.changedAt - b.changedAt);
    const skip = Number(query.get("skip") ?? 0);
    const page = changes.slice(skip, skip + graph.pageSize);
    const showSharing = prefer.includes("deltashowsharingchanges");
    const base = `${apiUrl}/drives/${encodeURIComponent(drive.id)}/root/delta`;
    const more = skip + graph.pageSize < changes.length;
    return send(res, 200, {
      "@odata.context": `${apiUrl}/$metadata#Collection(driveItem)`,
      value: page.map((item) => itemJson(drive, item, showSharing)),
      ...(more
        ? { "@odata.nextLink": `${base}?${since === null ? "" : `token=g${drive.generation}-${since}&`}snapshot=${snapshot}&skip=${skip + graph.pageSize}` }
        : { "@odata.deltaLink": `${base}?token=g${drive.generation}-${snapshot}` }),
    });
  }

  function driveJson(drive: FakeDrive) {
    return {
      id: drive.id,
      name: drive.name,
      driveType: drive.siteId ? "documentLibrary" : "business",
      webUrl: `https://contoso.sharepoint.com/${encodeURIComponent(drive.name)}`,
    };
  }

  function depth(drive: FakeDrive, item: FakeItem): number {
    let n = 0;
    for (let current: FakeItem | undefined = item; current?.parentId; current = drive.items.get(current.parentId)) n++;
    return n;
  }

  function pathOf(drive: FakeDrive, item: FakeItem): string {
    const parts: string[] = [];
    for (
      let current: FakeItem | undefined = item;
      current && current.kind !== "root";
      current = current.parentId ? drive.items.get(current.parentId) : undefined
    )
      parts.unshift(current.name);
    return parts.join("/");
  }

  function itemJson(drive: FakeDrive, item: FakeItem, showSharing: boolean) {
    const parentReference = { driveType: drive.siteId ? "documentLibrary" : "business", driveId: drive.id, ...(item.parentId ? { id: item.parentId } : {}) };
    if (item.deleted) return { id: item.id, parentReference, deleted: { state: "deleted" } };
    const webUrl = `https://contoso.sharepoint.com/${encodeURIComponent(drive.name)}/${pathOf(drive, item).split("/").map(encodeURIComponent).join("/")}`;
    const common = {
      id: item.id,
      name: item.name,
      eTag: `"{${item.id}},${item.changedAt}"`,
      createdDateTime: "2024-01-02T09:00:00Z",
      lastModifiedDateTime: item.lastModified,
      webUrl,
      parentReference,
      ...(showSharing && item.sharingChanged ? { "@microsoft.graph.sharedChanged": "True" } : {}),
    };
    if (item.kind === "root") return { ...common, name: "root", root: {}, folder: { childCount: 0 } };
    if (item.kind === "folder")
      return { ...common, folder: { childCount: [...drive.items.values()].filter((i) => i.parentId === item.id && !i.deleted).length } };
    // SharePoint's delta leaves cTag out on create and modify; the content hash is there.
    const quickXorHash = createHash("sha1").update(item.bytes!).digest("base64");
    return { ...common, size: item.bytes!.length, file: { mimeType: "application/octet-stream", hashes: { quickXorHash } } };
  }

  function newDrive(name: string, siteId: string | null): string {
    const id = `b!${Buffer.from(randomUUID()).toString("base64url").slice(0, 40)}`;
    const drive: FakeDrive = { id, name, siteId, items: new Map(), counter: 1, generation: 1 };
    drive.items.set(`root-${id.slice(2, 10)}`, {
      id: `root-${id.slice(2, 10)}`,
      name: "root",
      parentId: null,
      kind: "root",
      permissions: [],
      lastModified: "2024-01-02T09:00:00Z",
      changedAt: 1,
      sharingChanged: false,
      deleted: false,
    });
    drives.set(id, drive);
    return id;
  }

  function find(driveId: string, path: string): FakeItem | undefined {
    const drive = drives.get(driveId)!;
    return [...drive.items.values()].find((item) => !item.deleted && item.kind !== "root" && pathOf(drive, item) === path);
  }

  function touch(drive: FakeDrive, item: FakeItem, sharing = false) {
    item.changedAt = ++drive.counter;
    item.sharingChanged = sharing;
    if (!sharing) item.lastModified = new Date(Date.UTC(2024, 5, 1) + drive.counter * 60_000).toISOString();
  }

  function folderFor(drive: FakeDrive, folderPath: string): string {
    let parent = [...drive.items.values()].find((item) => item.kind === "root")!;
    const parts = folderPath.split("/").filter(Boolean);
    for (let i = 0; i < parts.length; i++) {
      const existing = find(drive.id, parts.slice(0, i + 1).join("/"));
      if (existing) {
        parent = existing;
        continue;
      }
      const folder: FakeItem = {
        id: `01${String(nextId++).padStart(6, "0")}FOLDER`,
        name: parts[i]!,
        parentId: parent.id,
        kind: "folder",
        permissions: [],
        lastModified: "",
        changedAt: 0,
        sharingChanged: false,
        deleted: false,
      };
      touch(drive, folder);
      drive.items.set(folder.id, folder);
      parent = folder;
    }
    return parent.id;
  }

  const graph: FakeGraph = {
    apiUrl,
    loginUrl: origin,
    tenantId: TENANT,
    clientId,
    clientSecret,
    requests,
    tokenLifetimeSeconds: 3599,
    pageSize: 200,
    addSite(hostAndPath, libraries) {
      const id = `${hostAndPath.split(":")[0]},${randomUUID()},${randomUUID()}`;
      const ids = libraries.map((name) => newDrive(name, id));
      sites.set(hostAndPath, { id, drives: ids });
      return ids;
    },
    addDrive: (name) => newDrive(name, null),
    putFile(driveId, path, content, permissions) {
      const drive = drives.get(driveId)!;
      const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content);
      const existing = find(driveId, path);
      if (existing) {
        existing.bytes = bytes;
        if (permissions) existing.permissions = permissions;
        touch(drive, existing);
        return existing.id;
      }
      const parentId = folderFor(drive, path.split("/").slice(0, -1).join("/"));
      const item: FakeItem = {
        id: `01${String(nextId++).padStart(6, "0")}FILE`,
        name: path.split("/").pop()!,
        parentId,
        kind: "file",
        bytes,
        permissions: permissions ?? [],
        lastModified: "",
        changedAt: 0,
        sharingChanged: false,
        deleted: false,
      };
      touch(drive, item);
      drive.items.set(item.id, item);
      return item.id;
    },
    move(driveId, from, to) {
      const drive = drives.get(driveId)!;
      const item = find(driveId, from)!;
      item.parentId = folderFor(drive, to.split("/").slice(0, -1).join("/"));
      item.name = to.split("/").pop()!;
      touch(drive, item);
    },
    remove(driveId, path) {
      const drive = drives.get(driveId)!;
      const item = find(driveId, path)!;
      item.deleted = true;
      touch(drive, item);
    },
    share(driveId, path, permissions) {
      const drive = drives.get(driveId)!;
      const item = find(driveId, path)!;
      item.permissions = permissions;
      touch(drive, item, true);
    },
    itemId: (driveId, path) => find(driveId, path)!.id,
    expireDeltaTokens(driveId) {
      drives.get(driveId)!.generation++;
    },
    expireAccessTokens() {
      for (const token of tokens.keys()) tokens.set(token, 0);
    },
    delayRequests(pattern, ms) {
      delays.push({ pattern, ms });
    },
    failRequests(pattern, status) {
      const failure = { pattern, status };
      failures.add(failure);
      return { clear: () => failures.delete(failure) };
    },
    throttle(times, seconds, status = 429) {
      throttled = { times, seconds, status };
    },
    addUser(user) {
      users.set(user.id.toLowerCase(), user);
      users.set(user.userPrincipalName.toLowerCase(), user);
    },
    graphRequests: (pattern) => requests.filter((r) => !r.path.includes("/oauth2/") && !r.path.startsWith("/download/") && (!pattern || pattern.test(r.path))),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return graph;
}
