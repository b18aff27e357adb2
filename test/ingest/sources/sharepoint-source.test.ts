import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { Writable } from "node:stream";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { GraphSettings, SourceConfig } from "../../../src/config.ts";
import { readerForSource } from "../../../src/ingest/reader-for-source.ts";
import { DELTA_PREFER } from "../../../src/ingest/sources/read-sharepoint.ts";
import { silentLogger } from "../../../src/logger.ts";
import { openIndex, type KnowledgeIndex } from "../../../src/retrieval/open-index.ts";
import { searchIndex } from "../../../src/retrieval/search-index.ts";
import { syncSource, type SyncProgress } from "../../../src/retrieval/sync-source.ts";
import { syncSources } from "../../../src/retrieval/sync-sources.ts";
import { EVERYONE, groupPrincipal, userPrincipal } from "../../../src/shared/principals.ts";
import { tempDir } from "../../helpers/corpus.ts";
import { startFakeGraph, type FakeGraph } from "../../helpers/fake-graph.ts";

const FIXTURES = resolve(import.meta.dirname, "../../fixtures/loaders");
const logger = silentLogger();

const HR_GROUP = "5f0c2a4e-8b1d-4c3a-9e7f-2b6d8a1c4e90";
const ALICE = { id: "a1b2c3d4-0000-4000-8000-000000000001", email: "Alice@Contoso.com" };
const ORG_LINK = { id: "link-1", roles: ["read"], link: { scope: "organization", type: "view" } };
const HR_ONLY = [
  { id: "g-1", roles: ["read"], grantedToV2: { group: { id: HR_GROUP, displayName: "HR team" } } },
  { id: "u-1", roles: ["owner"], grantedToV2: { user: { id: ALICE.id, displayName: "Alice", email: ALICE.email } } },
];

describe("a SharePoint source", () => {
  let dir: { path: string; remove: () => Promise<void> };
  let graph: FakeGraph;
  let index: KnowledgeIndex;
  let documents: string;
  let oneDrive: string;

  beforeEach(async () => {
    dir = await tempDir();
    graph = await startFakeGraph();
    index = await openIndex(join(dir.path, "db"));
    documents = graph.addSite("contoso.sharepoint.com:/sites/HR", ["Documents"])[0]!;
    oneDrive = graph.addDrive("Policies");
    graph.putFile(documents, "Leave/moonbeam-leave.md", "# Moonbeam leave\n\nEvery employee accrues twenty-five days of moonbeam leave per year.\n", [
      ORG_LINK,
    ]);
    graph.putFile(documents, "Leave/parental-leave.pdf", await readFile(join(FIXTURES, "parental-leave.pdf")), HR_ONLY);
    graph.putFile(documents, "Travel/expenses.docx", await readFile(join(FIXTURES, "expenses.docx")), [ORG_LINK]);
    graph.putFile(
      documents,
      "Travel/visas.html",
      "<html><head><title>Visas</title></head><body><p>The travel desk files quartz visa applications.</p></body></html>",
      [ORG_LINK],
    );
    graph.putFile(documents, "Travel/logo.png", Buffer.from([0x89, 0x50, 0x4e, 0x47]), [ORG_LINK]);
    graph.putFile(oneDrive, "laptops.txt", "Laptops are replaced every three years by the obsidian desk.", [ORG_LINK]);
  });
  afterEach(async () => {
    index.close();
    await graph.close();
    await dir.remove();
  });

  const settings = (overrides: Partial<GraphSettings> = {}): GraphSettings => ({
    apiUrl: graph.apiUrl,
    loginUrl: graph.loginUrl,
    clientId: graph.clientId,
    clientSecret: graph.clientSecret,
    ...overrides,
  });
  const source = (): SourceConfig => ({
    name: "sharepoint",
    type: "sharepoint",
    tenantId: graph.tenantId,
    sites: ["contoso.sharepoint.com:/sites/HR"],
    drives: [oneDrive],
    collection: "default",
    prettyUrls: false,
  });
  const reader = (config = source(), graphSettings = settings()) => readerForSource(config, { dbPath: join(dir.path, "db"), graph: graphSettings, logger });
  const sync = (options: { onProgress?: (p: SyncProgress) => void } = {}, config = source()) =>
    syncSource(index, { name: config.name, collection: config.collection }, reader(config), { logger, ...options });
  const downloads = () => graph.requests.filter((r) => r.path.startsWith("/download/"));
  const deltas = () => graph.graphRequests(/\/root\/delta$/);

  it("indexes the files of every library it reads, each with its web address, date and readers", async () => {
    const progress: SyncProgress[] = [];
    const summary = await sync({ onProgress: (p) => progress.push(p) });

    expect(summary).toMatchObject({ added: 5, updated: 0, deleted: 0, failed: [] });
    const [leave] = await searchIndex(index, "moonbeam leave days", { k: 1 });
    expect(leave).toMatchObject({
      docId: "Documents/Leave/moonbeam-leave.md",
      url: "https://contoso.sharepoint.com/Documents/Leave/moonbeam-leave.md",
      title: "Moonbeam leave",
    });
    expect(leave!.updatedAt).toBeGreaterThan(Date.parse("2024-06-01"));
    expect((await searchIndex(index, "weeks of paid parental leave", { k: 1 }))[0]).toMatchObject({ docId: "Documents/Leave/parental-leave.pdf" });
    expect((await searchIndex(index, "receipts within 30 days", { k: 1 }))[0]).toMatchObject({ docId: "Documents/Travel/expenses.docx" });
    expect((await searchIndex(index, "quartz visa applications", { k: 1 }))[0]).toMatchObject({ docId: "Documents/Travel/visas.html" });
    expect((await searchIndex(index, "obsidian desk laptops", { k: 1 }))[0]).toMatchObject({ docId: "Policies/laptops.txt" });

    // The readers each document carries into the index.
    const fresh = reader();
    await fresh.list();
    expect((await fresh.load("Documents/Leave/moonbeam-leave.md")).readers).toEqual([EVERYONE]);
    expect((await fresh.load("Documents/Leave/parental-leave.pdf")).readers).toEqual(
      [groupPrincipal(HR_GROUP), userPrincipal(ALICE.email), userPrincipal(ALICE.id)].sort(),
    );

    // The wire: the token, the sharing-change preference on every delta request, the download without our token.
    expect(deltas().every((r) => r.prefer === DELTA_PREFER && r.authorization?.startsWith("Bearer "))).toBe(true);
    expect(downloads().length).toBe(5);
    expect(downloads().every((r) => r.authorization === undefined)).toBe(true);
    // A file no loader reads is neither asked for its permissions nor downloaded.
    expect(graph.graphRequests(new RegExp(`${graph.itemId(documents, "Travel/logo.png")}`))).toEqual([]);
    // Reading the permissions of five files, then downloading them, is the slow part of a first sync: it is reported as it goes.
    expect(progress.filter((p) => p.phase === "scanning" && p.total === 5).map((p) => p.done)).toEqual([1, 2, 3, 4, 5, 1, 2, 3, 4, 5]);
  });

  it('with "permissions": "ignore", reads no permission and treats every file as everyone\'s', async () => {
    const summary = await sync({}, { ...source(), permissions: "ignore" });

    expect(summary).toMatchObject({ added: 5, failed: [] });
    expect(graph.graphRequests(/\/permissions$/)).toEqual([]);
    const fresh = reader({ ...source(), permissions: "ignore" });
    await fresh.list();
    expect((await fresh.load("Documents/Leave/parental-leave.pdf")).readers).toEqual([EVERYONE]);
  });

  it("re-syncs an unchanged library with one delta request per drive and re-indexes nothing", async () => {
    const drivesOnly = { ...source(), sites: undefined, drives: [documents, oneDrive] };
    await sync({}, drivesOnly);
    const version = await (await index.table())!.version();
    graph.requests.length = 0;

    const summary = await sync({}, drivesOnly);

    expect(summary).toMatchObject({ added: 0, updated: 0, deleted: 0, unchanged: 5, chunksWritten: 0 });
    expect(graph.graphRequests().map((r) => r.path)).toEqual([`/drives/${documents}/root/delta`, `/drives/${oneDrive}/root/delta`]);
    expect(downloads()).toEqual([]);
    expect(await (await index.table())!.version()).toBe(version);
  });

  it("picks up an edit, a move, a deletion and a sharing change, and downloads only the edited file", async () => {
    await sync();
    graph.requests.length = 0;
    graph.putFile(oneDrive, "laptops.txt", "Laptops are replaced every four years by the obsidian desk.");
    graph.move(documents, "Travel/visas.html", "Travel/Abroad/visas-abroad.html");
    graph.remove(documents, "Travel/expenses.docx");
    graph.share(documents, "Leave/parental-leave.pdf", [ORG_LINK]);

    const summary = await sync();

    expect(summary).toMatchObject({ added: 1, updated: 2, deleted: 2, unchanged: 1, failed: [] });
    expect(downloads().length).toBe(1);
    expect((await searchIndex(index, "every four years obsidian", { k: 1 }))[0]?.text).toContain("four years");
    expect((await searchIndex(index, "quartz visa applications", { k: 1 }))[0]).toMatchObject({
      docId: "Documents/Travel/Abroad/visas-abroad.html",
      url: "https://contoso.sharepoint.com/Documents/Travel/Abroad/visas-abroad.html",
    });
    expect((await searchIndex(index, "receipts within 30 days", { k: 10 })).map((hit) => hit.docId)).not.toContain("Documents/Travel/expenses.docx");
    // Permissions are read again for what the delta reported, and nothing else.
    const changedIds = [
      graph.itemId(oneDrive, "laptops.txt"),
      graph.itemId(documents, "Travel/Abroad/visas-abroad.html"),
      graph.itemId(documents, "Leave/parental-leave.pdf"),
    ];
    expect(
      graph
        .graphRequests(/\/permissions$/)
        .map((r) => r.path.split("/")[4])
        .sort(),
    ).toEqual(changedIds.sort());
    const fresh = reader();
    await fresh.list();
    expect((await fresh.load("Documents/Leave/parental-leave.pdf")).readers).toEqual([EVERYONE]);
  });

  it("keeps the previous version of a file whose download or permissions fail, and tries again at the next sync", async () => {
    await sync();
    graph.putFile(oneDrive, "laptops.txt", "Laptops are replaced every four years by the obsidian desk.");
    graph.share(documents, "Leave/parental-leave.pdf", [ORG_LINK]);
    const content = graph.failRequests(new RegExp(`${graph.itemId(oneDrive, "laptops.txt")}/content$`), 500);
    const permissions = graph.failRequests(new RegExp(`${graph.itemId(documents, "Leave/parental-leave.pdf")}/permissions$`), 500);

    const failing = await sync();

    expect(failing.failed.map((f) => f.docId).sort()).toEqual(["Documents/Leave/parental-leave.pdf", "Policies/laptops.txt"]);
    expect(failing.failed.find((f) => f.docId === "Policies/laptops.txt")?.error).toMatch(/laptops\.txt: Graph .* answered HTTP 500 \(generalException/);
    expect((await searchIndex(index, "obsidian desk laptops", { k: 1 }))[0]?.text).toContain("three years");
    expect((await searchIndex(index, "weeks of paid parental leave", { k: 1 }))[0]).toMatchObject({ docId: "Documents/Leave/parental-leave.pdf" });

    content.clear();
    permissions.clear();
    const recovered = await sync();

    expect(recovered).toMatchObject({ updated: 2, failed: [] });
    expect((await searchIndex(index, "obsidian desk laptops", { k: 1 }))[0]?.text).toContain("four years");
    const fresh = reader();
    await fresh.list();
    expect((await fresh.load("Documents/Leave/parental-leave.pdf")).readers).toEqual([EVERYONE]);
  });

  it("follows a renamed folder to every file inside it without downloading them again", async () => {
    await sync();
    graph.requests.length = 0;
    graph.move(documents, "Leave", "Time off");

    const summary = await sync();

    expect(summary).toMatchObject({ added: 2, deleted: 2, failed: [] });
    expect((await searchIndex(index, "moonbeam leave days", { k: 1 }))[0]).toMatchObject({
      docId: "Documents/Time off/moonbeam-leave.md",
      url: "https://contoso.sharepoint.com/Documents/Time%20off/moonbeam-leave.md",
    });
    expect(downloads()).toEqual([]);
    // Only the folder was in the delta; its two files were asked for their new address and their permissions.
    const moved = [graph.itemId(documents, "Time off/moonbeam-leave.md"), graph.itemId(documents, "Time off/parental-leave.pdf")].sort();
    expect(
      graph
        .graphRequests(/\/items\/[^/]+$/)
        .map((r) => r.path.split("/")[4])
        .sort(),
    ).toEqual(moved);
    expect(
      graph
        .graphRequests(/\/permissions$/)
        .map((r) => r.path.split("/")[4])
        .sort(),
    ).toEqual(moved);
  });

  it("pages through the delta feed and starts again from a full enumeration when Graph answers 410", async () => {
    graph.pageSize = 2;
    await sync();
    expect(deltas().length).toBeGreaterThan(3);
    graph.remove(documents, "Travel/visas.html");
    graph.expireDeltaTokens(documents);
    graph.requests.length = 0;

    const summary = await sync();

    expect(summary).toMatchObject({ added: 0, deleted: 1, unchanged: 4, failed: [] });
    expect(graph.requests.some((r) => r.status === 410)).toBe(true);
    expect(downloads()).toEqual([]);
  });

  it("waits out a throttled Graph (429 with Retry-After) and still completes", async () => {
    graph.throttle(2, 1);
    const started = performance.now();

    const summary = await sync();

    expect(summary).toMatchObject({ added: 5, failed: [] });
    expect(graph.requests.filter((r) => r.status === 429).length).toBe(2);
    expect(performance.now() - started).toBeGreaterThanOrEqual(1900);
  });

  it("asks for a new token when the old one expires, or when Graph refuses it", async () => {
    graph.tokenLifetimeSeconds = 2;
    await sync();
    const tokenRequests = () => graph.requests.filter((r) => r.path.endsWith("/oauth2/v2.0/token"));
    expect(tokenRequests().length).toBe(1);

    await new Promise((resolve) => setTimeout(resolve, 1100));
    await sync();
    expect(tokenRequests().length).toBe(2);

    graph.tokenLifetimeSeconds = 3599;
    graph.expireAccessTokens();
    const summary = await sync();
    expect(summary.failed).toEqual([]);
    expect(tokenRequests().length).toBe(3);
    expect(graph.requests.some((r) => r.status === 401)).toBe(true);
  });

  it("fails clearly without credentials or with a wrong secret, keeping the secret out of logs and keeping the previous version", async () => {
    await sync();
    const lines: string[] = [];
    const captured = pino({ level: "debug" }, new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) }));

    const [missing] = await syncSources(index, [source()], { logger: captured, graph: settings({ clientSecret: undefined }) });
    expect(missing).toMatchObject({ isUsageError: true });
    expect((missing as { error: string }).error).toMatch(/SHAREPOINT_CLIENT_ID and SHAREPOINT_CLIENT_SECRET/);

    const wrong = "wrong~secret~value~123";
    const [refused] = await syncSources(index, [source()], { logger: captured, graph: settings({ clientSecret: wrong }) });
    expect((refused as { error: string }).error).toMatch(/invalid_client/);
    expect(lines.join("")).not.toContain(wrong);
    expect(lines.join("")).not.toContain(graph.clientSecret);
    expect((await searchIndex(index, "moonbeam leave days", { k: 1 }))[0]).toMatchObject({ docId: "Documents/Leave/moonbeam-leave.md" });
  });
});
