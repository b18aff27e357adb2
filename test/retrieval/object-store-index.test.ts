import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/logger.ts";
import { objectStoreOptions } from "../../src/shared/object-store-options.ts";
import { openIndex } from "../../src/retrieval/open-index.ts";
import { searchIndex } from "../../src/retrieval/search-index.ts";
import { failedOutcomes, syncSources } from "../../src/retrieval/sync-sources.ts";
import { tempDir } from "../helpers/corpus.ts";
import { freePort } from "../helpers/free-port.ts";
import { startCeph, type TestObjectStore } from "../helpers/start-ceph.ts";
import { docentInProcess as docent } from "../helpers/docent-in-process.ts";

const SAMPLE_KB = resolve(import.meta.dirname, "../../knowledge");

describe("an index on S3-compatible object storage (Ceph's radosgw)", () => {
  let store: TestObjectStore;
  let dir: { path: string; remove: () => Promise<void> };
  beforeAll(async () => {
    store = await startCeph();
    await store.createBucket("docent");
    dir = await tempDir();
  }, 420_000);
  afterAll(async () => {
    await dir?.remove();
    await store?.stop();
  });

  it("is written by `docent ingest` and searched exactly as the same index on local disk", async () => {
    const s3 = await docent(["ingest", SAMPLE_KB, "--db", "s3://docent/sample"], dir.path, store.env);
    expect(s3.code, s3.stderr).toBe(0);
    const local = await docent(["ingest", SAMPLE_KB, "--db", join(dir.path, "local")], dir.path, {});
    expect(local.code, local.stderr).toBe(0);
    for (const question of ["how many vacation days do I get", "expense report receipts", "suspicious email"]) {
      const fromS3 = await docent(["search", question, "--db", "s3://docent/sample", "--json"], dir.path, store.env);
      const fromDisk = await docent(["search", question, "--db", join(dir.path, "local"), "--json"], dir.path, {});
      expect(fromS3.code, fromS3.stderr).toBe(0);
      const docIds = (output: string) => JSON.parse(output).results.map((r: { docId: string }) => r.docId);
      expect(docIds(fromS3.stdout).length).toBeGreaterThan(0);
      expect(docIds(fromS3.stdout)).toEqual(docIds(fromDisk.stdout));
    }
  }, 120_000);

  it("shows a reader what the one writer synced, within the reader's consistency interval", async () => {
    const uri = "s3://docent/live";
    const storageOptions = objectStoreOptions(uri, store.env);
    const folder = join(dir.path, "live");
    await mkdir(folder);
    await writeFile(join(folder, "holidays.md"), "---\ntitle: Holidays\n---\n\nThe office closes between the winter holidays.\n");
    const writer = await openIndex(uri, { storageOptions });
    const sync = () =>
      syncSources(writer, [{ name: "live", type: "folder", path: folder, collection: "default", prettyUrls: false }], { logger: silentLogger() });
    expect(failedOutcomes(await sync())).toEqual([]);
    const reader = await openIndex(uri, { storageOptions, readConsistencyIntervalSeconds: 1 });
    try {
      expect((await searchIndex(reader, "office closes winter holidays"))[0]?.docId).toBe("holidays.md");
      await writeFile(join(folder, "parking.md"), "---\ntitle: Parking\n---\n\nVisitor parking permits come from the front desk.\n");
      expect(failedOutcomes(await sync())).toEqual([]);
      let seen = false;
      for (let i = 0; i < 20 && !seen; i++) {
        seen = (await searchIndex(reader, "visitor parking permits"))[0]?.docId === "parking.md";
        if (!seen) await new Promise((r) => setTimeout(r, 500));
      }
      expect(seen).toBe(true);
    } finally {
      reader.close();
      writer.close();
    }
  }, 120_000);

  it("says in plain words, with exit code 2, which of bucket, keys or endpoint is wrong", async () => {
    const missing = await docent(["search", "leave", "--db", "s3://no-such-bucket/idx"], dir.path, store.env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`the bucket "no-such-bucket" of DOCENT_DB=s3://no-such-bucket/idx does not exist at ${store.endpoint}`);

    const wrongKey = await docent(["search", "leave", "--db", "s3://docent/sample"], dir.path, { ...store.env, AWS_SECRET_ACCESS_KEY: "not-the-secret" });
    expect(wrongKey.code).toBe(2);
    expect(wrongKey.stderr).toContain(
      `${store.endpoint} refused the credentials for DOCENT_DB=s3://docent/sample: check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY`,
    );
    expect(wrongKey.stderr).not.toContain("not-the-secret");

    const nowhere = `http://127.0.0.1:${await freePort()}`;
    const unreachable = await docent(["search", "leave", "--db", "s3://docent/sample"], dir.path, { ...store.env, AWS_ENDPOINT_URL: nowhere });
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toContain(`cannot reach the object store at ${nowhere} for DOCENT_DB=s3://docent/sample`);
  }, 120_000);
});
