import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A page as the fake holds it; `restrictedTo` is its own read restriction (Confluence's view restriction). */
export interface FakePage {
  id: string;
  spaceKey: string;
  title: string;
  /** Storage-format XHTML. */
  body: string;
  parentId?: string;
  version?: number;
  /** ISO date of the current version. */
  modified?: string;
  restrictedTo?: { users?: string[]; groups?: string[] };
}

export interface FakeUser {
  accountId: string;
  email: string;
  displayName: string;
}

export interface FakeSpace {
  id: string;
  key: string;
  name: string;
  /** Who holds "read space": user account ids, group ids, or anyone signed out. */
  readers: { users?: string[]; groups?: string[]; anonymous?: boolean };
}

/** One request the fake answered, path relative to the site root, query parsed. */
export interface ConfluenceRequest {
  path: string;
  query: Record<string, string>;
  status: number;
}

export interface FakeConfluence {
  /** The base URL a source's `url` takes: `http://127.0.0.1:PORT/wiki`. */
  url: string;
  email: string;
  token: string;
  pages: Map<string, FakePage>;
  requests: ConfluenceRequest[];
  /** Ids of pages whose body went out in an answer, one entry per time (listing with bodies, or a single page). */
  bodiesServed: string[];
  /** Edits a page the way Confluence does: a new version, dated now. */
  edit(id: string, change: Partial<Omit<FakePage, "id" | "version">>): void;
  /** Changes a page's restriction without a new version (as Confluence does). */
  restrict(id: string, restrictedTo: FakePage["restrictedTo"]): void;
  /** The next `times` API requests are answered 429 with `Retry-After: seconds`. */
  throttle(times: number, seconds: number): void;
  /** Every request whose path is `path` is answered with `status` (Confluence's error shape) until `restore()`. */
  breakPath(path: string, status: number): void;
  restore(): void;
  close(): Promise<void>;
}

const PREFIX = "/wiki";

/**
 * Confluence Cloud's REST API on 127.0.0.1, as documented: v2 spaces by key, pages of a space with cursor
 * pagination through `_links.next` (at most `pageLimit` a page, however many are asked for), a page by id,
 * space permissions; v1 read restrictions by operation and user lookup (restriction users come without
 * email, as Cloud's privacy settings usually have it). Basic auth is checked on every request; 429s can be
 * scripted.
 */
export async function startFakeConfluence(setup: { spaces: FakeSpace[]; users: FakeUser[]; pages: FakePage[]; pageLimit?: number }): Promise<FakeConfluence> {
  const email = "docent@example.com";
  const token = "fake-api-token-123";
  const expectedAuth = `Basic ${Buffer.from(`${email}:${token}`).toString("base64")}`;
  const pages = new Map(setup.pages.map((page) => [page.id, { version: 1, modified: "2024-05-01T10:00:00.000Z", ...page }]));
  const requests: ConfluenceRequest[] = [];
  const bodiesServed: string[] = [];
  let throttled = { times: 0, seconds: 0 };
  const broken = new Map<string, number>();
  const pageLimit = setup.pageLimit ?? 250;
  const user = (accountId: string) => setup.users.find((u) => u.accountId === accountId);

  const pageJson = (page: FakePage, withBody: boolean) => {
    if (withBody) bodiesServed.push(page.id);
    const space = setup.spaces.find((s) => s.key === page.spaceKey)!;
    return {
      id: page.id,
      status: "current",
      title: page.title,
      spaceId: space.id,
      parentId: page.parentId ?? null,
      parentType: page.parentId ? "page" : null,
      position: 0,
      authorId: setup.users[0]?.accountId ?? "",
      ownerId: setup.users[0]?.accountId ?? "",
      createdAt: "2024-01-01T09:00:00.000Z",
      version: { createdAt: page.modified, message: "", number: page.version, minorEdit: false, authorId: setup.users[0]?.accountId ?? "" },
      body: withBody ? { storage: { representation: "storage", value: page.body } } : {},
      _links: {
        webui: `/spaces/${page.spaceKey}/pages/${page.id}/${encodeURIComponent(page.title).replace(/%20/g, "+")}`,
        editui: `/pages/resumedraft.action?draftId=${page.id}`,
        tinyui: `/x/${page.id}`,
      },
    };
  };

  const answer = (path: string, query: Record<string, string>, origin: string): [number, unknown] => {
    let match: RegExpExecArray | null;
    if (path === "/api/v2/spaces") {
      const keys = (query.keys ?? "").split(",");
      const results = setup.spaces
        .filter((s) => keys.includes(s.key))
        .map((s) => ({ id: s.id, key: s.key, name: s.name, type: "global", status: "current", _links: { webui: `/spaces/${s.key}` } }));
      return [200, { results, _links: { base: `${origin}${PREFIX}` } }];
    }
    if ((match = /^\/api\/v2\/spaces\/([^/]+)\/pages$/.exec(path))) {
      const space = setup.spaces.find((s) => s.id === match![1]);
      if (!space) return [404, { errors: [{ status: 404, code: "NOT_FOUND", title: "Not Found" }] }];
      const all = [...pages.values()].filter((p) => p.spaceKey === space.key).sort((a, b) => Number(a.id) - Number(b.id));
      const limit = Math.min(Number(query.limit ?? 25), pageLimit);
      const start = query.cursor ? Number(Buffer.from(query.cursor, "base64url").toString()) : 0;
      const slice = all.slice(start, start + limit);
      const withBody = query["body-format"] === "storage";
      const links: Record<string, string> = { base: `${origin}${PREFIX}` };
      if (start + limit < all.length) {
        const next = new URLSearchParams({ ...query, cursor: Buffer.from(String(start + limit)).toString("base64url") });
        links.next = `${PREFIX}${path}?${next}`;
      }
      return [200, { results: slice.map((p) => pageJson(p, withBody)), _links: links }];
    }
    if ((match = /^\/api\/v2\/pages\/([^/]+)$/.exec(path))) {
      const page = pages.get(match[1]!);
      return page ? [200, pageJson(page, query["body-format"] === "storage")] : [404, { errors: [{ status: 404, code: "NOT_FOUND", title: "Not Found" }] }];
    }
    if ((match = /^\/api\/v2\/spaces\/([^/]+)\/permissions$/.exec(path))) {
      const space = setup.spaces.find((s) => s.id === match![1]);
      if (!space) return [404, { errors: [{ status: 404, code: "NOT_FOUND", title: "Not Found" }] }];
      const read = { key: "read", targetType: "space" };
      const results = [
        ...(space.readers.users ?? []).map((id, i) => ({ id: `u${i}`, principal: { type: "user", id }, operation: read })),
        ...(space.readers.groups ?? []).map((id, i) => ({ id: `g${i}`, principal: { type: "group", id }, operation: read })),
        ...(space.readers.anonymous ? [{ id: "anon", principal: { type: "anonymous", id: null }, operation: read }] : []),
        // Other operations are listed too; only "read space" decides who may read.
        ...(space.readers.users ?? []).map((id, i) => ({ id: `c${i}`, principal: { type: "user", id }, operation: { key: "create", targetType: "page" } })),
      ];
      return [200, { results, _links: {} }];
    }
    if ((match = /^\/rest\/api\/content\/([^/]+)\/restriction\/byOperation\/read$/.exec(path))) {
      const page = pages.get(match[1]!);
      if (!page) return [404, { statusCode: 404, message: "No content found with id" }];
      const users = (page.restrictedTo?.users ?? []).map((accountId) => ({
        type: "known",
        accountId,
        accountType: "atlassian",
        email: "",
        publicName: user(accountId)?.displayName ?? accountId,
        displayName: user(accountId)?.displayName ?? accountId,
      }));
      const groups = (page.restrictedTo?.groups ?? []).map((id) => ({ type: "group", name: id, id }));
      return [
        200,
        {
          operation: "read",
          restrictions: {
            user: { results: users, start: 0, limit: 200, size: users.length },
            group: { results: groups, start: 0, limit: 200, size: groups.length },
          },
          _links: { base: `${origin}${PREFIX}`, context: PREFIX },
        },
      ];
    }
    if (path === "/rest/api/user") {
      const found = user(query.accountId ?? "");
      return found
        ? [
            200,
            {
              type: "known",
              accountId: found.accountId,
              accountType: "atlassian",
              email: found.email,
              publicName: found.displayName,
              displayName: found.displayName,
            },
          ]
        : [404, { statusCode: 404, message: "user not found" }];
    }
    return [404, { statusCode: 404, message: `no route ${path}` }];
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const query = Object.fromEntries(url.searchParams);
    const path = url.pathname.startsWith(PREFIX) ? url.pathname.slice(PREFIX.length) : url.pathname;
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      requests.push({ path, query, status });
      json(res, status, body, headers);
    };
    if (req.headers.authorization !== expectedAuth) return send(401, { statusCode: 401, message: "Unauthorized; scope does not match" });
    if (throttled.times > 0) {
      throttled.times--;
      return send(429, { statusCode: 429, message: "Rate limit exceeded" }, { "retry-after": String(throttled.seconds) });
    }
    const brokenStatus = broken.get(path);
    if (brokenStatus) return send(brokenStatus, { statusCode: brokenStatus, message: "scripted failure" });
    const [status, body] = answer(path, query, `http://${req.headers.host}`);
    send(status, body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}${PREFIX}`,
    email,
    token,
    pages,
    requests,
    bodiesServed,
    edit(id, change) {
      const page = pages.get(id)!;
      Object.assign(page, change, { version: (page.version ?? 1) + 1, modified: new Date().toISOString() });
    },
    restrict(id, restrictedTo) {
      pages.get(id)!.restrictedTo = restrictedTo;
    },
    throttle(times, seconds) {
      throttled = { times, seconds };
    },
    breakPath(path, status) {
      broken.set(path, status);
    },
    restore() {
      broken.clear();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  res.writeHead(status, { "content-type": "application/json;charset=UTF-8", ...headers });
  res.end(JSON.stringify(body));
}
