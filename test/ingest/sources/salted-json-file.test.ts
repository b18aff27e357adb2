import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readSaltedJson, writeSaltedJson } from "../../../src/ingest/sources/salted-json-file.ts";

describe("a source's state kept between syncs", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "docent-salted-"));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("reads back what was written with the same settings, creating the folder and leaving no temporary file", async () => {
    const file = join(dir, "cache", "state.json");
    await writeSaltedJson(file, "v3|hr", { pages: { a: 1 } });
    expect(await readSaltedJson<{ pages: Record<string, number> }>(file, "v3|hr")).toMatchObject({ pages: { a: 1 } });
    expect(await readdir(join(dir, "cache"))).toEqual(["state.json"]);
  });

  it("reads nothing when the settings or the layout changed, so state made another way is never reused", async () => {
    const file = join(dir, "state.json");
    await writeSaltedJson(file, "v3|hr", { pages: {} });
    expect(await readSaltedJson(file, "v4|hr")).toBeNull();
    expect(await readSaltedJson(file, "v3|hr", 2)).toBeNull();
  });

  it("reads nothing from a missing or damaged file, so the next sync fetches everything once", async () => {
    expect(await readSaltedJson(join(dir, "missing.json"), "s")).toBeNull();
    await writeFile(join(dir, "broken.json"), '{"format": 1, "salt": "s", "pages": {');
    expect(await readSaltedJson(join(dir, "broken.json"), "s")).toBeNull();
  });
});
