import { SAVE_VERIFIED_COMMAND_ID } from "../../../adapters/teams/answer-verified-action.ts";
import { readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { Writable } from "node:stream";
import { inflateSync } from "node:zlib";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GENERIC_PROMPT_STARTERS, MANIFEST_SCHEMA_URL } from "../../../adapters/teams/build-teams-manifest.ts";
import { crc32 } from "../../../adapters/teams/encode-png.ts";
import { teamsPackageCommand } from "../../../src/cli/teams-package-command.ts";
import { main } from "../../../src/cli.ts";
import { UsageError } from "../../../src/cli/cli-context.ts";
import { ConfigError } from "../../../src/config.ts";
import { tempDir } from "../../helpers/corpus.ts";

// CommonJS packages whose default export TypeScript's NodeNext resolution cannot see through an ESM import.
const require = createRequire(import.meta.url);
const Ajv = require("ajv-draft-04") as typeof import("ajv-draft-04").default;
const addFormats = require("ajv-formats") as typeof import("ajv-formats").default;

const SCHEMA = resolve(import.meta.dirname, "../../../../shared/schemas/MicrosoftTeams.v1.29.schema.json");
const BOT_ID = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";

/** Runs the command in-process, as `docent teams-package` would. */
async function teamsPackage(args: string[], cwd: string, env: Record<string, string> = {}) {
  let stdout = "";
  let stderr = "";
  const sink = (append: (s: string) => void) => new Writable({ write: (chunk, _enc, done) => (append(String(chunk)), done()) });
  const code = await teamsPackageCommand(args, { env, cwd, stdout: sink((s) => (stdout += s)), stderr: sink((s) => (stderr += s)) });
  return { code, stdout, stderr };
}

/** Width, height, colour type and RGBA pixels of a PNG written with filter type 0 on every row (as ours are). */
function readPng(png: Buffer) {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const chunks: { type: string; data: Buffer }[] = [];
  for (let offset = 8; offset < png.length; ) {
    const length = png.readUInt32BE(offset);
    const type = png.toString("ascii", offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    expect(png.readUInt32BE(offset + 8 + length)).toBe(crc32(png.subarray(offset + 4, offset + 8 + length)));
    chunks.push({ type, data });
    offset += 12 + length;
  }
  expect(chunks[0]!.type).toBe("IHDR");
  expect(chunks.at(-1)!.type).toBe("IEND");
  const ihdr = chunks[0]!.data;
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  const raw = inflateSync(Buffer.concat(chunks.filter((c) => c.type === "IDAT").map((c) => c.data)));
  const rowBytes = 1 + width * 4;
  const pixels: number[][] = [];
  for (let y = 0; y < height; y++) {
    expect(raw[y * rowBytes]).toBe(0);
    for (let x = 0; x < width; x++) pixels.push([...raw.subarray(y * rowBytes + 1 + x * 4, y * rowBytes + 5 + x * 4)]);
  }
  return { width, height, bitDepth: ihdr[8], colorType: ihdr[9], pixels };
}

describe("docent teams-package", () => {
  let dir: { path: string; remove: () => Promise<void> };
  let zip: JSZip;
  let manifest: Record<string, any>;
  let output: { code: number; stdout: string; stderr: string };
  beforeAll(async () => {
    dir = await tempDir();
    output = await teamsPackage([], dir.path, { MicrosoftAppId: BOT_ID });
    zip = await JSZip.loadAsync(await readFile(join(dir.path, "docent-teams.zip")));
    manifest = JSON.parse(await zip.file("manifest.json")!.async("string"));
  });
  afterAll(() => dir.remove());

  it("writes docent-teams.zip with the manifest and both icons at its root", () => {
    expect(output.code).toBe(0);
    expect(output.stdout).toMatch(/^wrote docent-teams\.zip: Teams app "Docent" 1\.0\.0, bot 3f2504e0/);
    expect(Object.keys(zip.files).sort()).toEqual(["color.png", "manifest.json", "outline.png"]);
  });

  it("writes a manifest that validates against the Teams schema v1.29", async () => {
    const schema = JSON.parse(await readFile(SCHEMA, "utf8"));
    const ajv = new Ajv({ allErrors: true, strictTypes: false, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(manifest) ? [] : validate.errors).toEqual([]);
    // The check has teeth: the classic mistake, a lowercase "groupchat" scope, fails it.
    expect(validate({ ...manifest, bots: [{ ...manifest.bots[0], scopes: ["groupchat"] }] })).toBe(false);
    expect(manifest.$schema).toBe(MANIFEST_SCHEMA_URL);
    expect(manifest.manifestVersion).toBe("1.29");
  });

  it("offers “Save as verified answer” on messages, answered by the bot with a dialog", () => {
    expect(manifest.composeExtensions).toEqual([
      {
        botId: BOT_ID,
        commands: [
          expect.objectContaining({ id: SAVE_VERIFIED_COMMAND_ID, type: "action", title: "Save as verified answer", context: ["message"], fetchTask: true }),
        ],
      },
    ]);
  });

  it("declares the bot from MicrosoftAppId for 1:1 chats, group chats and teams, without files", () => {
    expect(manifest.bots).toEqual([expect.objectContaining({ botId: BOT_ID, scopes: ["personal", "team", "groupChat"], supportsFiles: false })]);
    expect(manifest.bots[0].commandLists.length).toBeGreaterThan(0);
    expect(manifest.id).toBe(BOT_ID);
    for (const url of Object.entries(manifest.developer)
      .filter(([key]) => key.endsWith("Url"))
      .map(([, value]) => value))
      expect(url).toMatch(/^https:\/\//);
  });

  it("draws a 192×192 colour icon, opaque", async () => {
    const png = readPng(await zip.file(manifest.icons.color)!.async("nodebuffer"));
    expect([png.width, png.height, png.bitDepth, png.colorType]).toEqual([192, 192, 8, 6]);
    expect(png.pixels.every(([, , , a]) => a === 255)).toBe(true);
  });

  it("draws a 32×32 outline icon in white on transparent", async () => {
    const png = readPng(await zip.file(manifest.icons.outline)!.async("nodebuffer"));
    expect([png.width, png.height, png.bitDepth, png.colorType]).toEqual([32, 32, 8, 6]);
    expect(png.pixels.every(([r, g, b, a]) => a === 0 || (r === 255 && g === 255 && b === 255))).toBe(true);
    expect(png.pixels[0]![3]).toBe(0);
    expect(png.pixels.some(([, , , a]) => a === 255)).toBe(true);
  });

  it("takes the bot id, the app's name, version and links from options, and --out", async () => {
    const result = await teamsPackage(
      [
        "--bot-id",
        BOT_ID,
        "--out",
        "custom.zip",
        "--name",
        "Ask HR",
        "--app-version",
        "1.2.0",
        "--website-url",
        "https://hr.example.com",
        "--privacy-url",
        "https://hr.example.com/privacy",
        "--terms-url",
        "https://hr.example.com/terms",
      ],
      dir.path,
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    const custom = JSON.parse(await (await JSZip.loadAsync(await readFile(join(dir.path, "custom.zip")))).file("manifest.json")!.async("string"));
    expect(custom).toMatchObject({
      name: { short: "Ask HR" },
      version: "1.2.0",
      developer: { websiteUrl: "https://hr.example.com" },
      bots: [{ botId: BOT_ID }],
    });
  });

  it("reads MicrosoftAppId from .env like the server does", async () => {
    const envDir = await tempDir();
    await writeFile(join(envDir.path, ".env"), `# Teams\nMicrosoftAppId="${BOT_ID}"\nMicrosoftAppPassword=secret\n`);
    expect((await teamsPackage([], envDir.path)).code).toBe(0);
    await envDir.remove();
  });

  it("fails as bad usage, in one line, without a bot id or with one that is not a GUID", async () => {
    await expect(teamsPackage([], dir.path)).rejects.toThrow(
      new UsageError("no bot id: set MicrosoftAppId to your Azure Bot's Microsoft App ID, or pass --bot-id"),
    );
    await expect(teamsPackage(["--bot-id", "my-bot"], dir.path)).rejects.toThrow(UsageError);
    await expect(teamsPackage(["--bot-id", BOT_ID, "--name", "x".repeat(31)], dir.path)).rejects.toThrow(/--name/);
    await expect(teamsPackage(["--bot-id", BOT_ID, "--website-url", "example.com"], dir.path)).rejects.toThrow(/--website-url/);
    await expect(teamsPackage(["--bogus"], dir.path)).rejects.toThrow(UsageError);
  });

  it("offers generic example questions in every scope when the config names none", () => {
    const titles = GENERIC_PROMPT_STARTERS.map((starter) => starter.title);
    expect(manifest.bots[0].commandLists).toEqual([
      { scopes: ["personal"], commands: GENERIC_PROMPT_STARTERS },
      { scopes: ["team", "groupChat"], commands: GENERIC_PROMPT_STARTERS },
    ]);
    for (const title of titles) expect(title).toMatch(/^(How|What|Who|Where|When|Can) .+\?$/);
  });

  it("takes the prompt starters from the config file's teams.promptStarters, and stays valid against the schema", async () => {
    const configDir = await tempDir();
    const starters = ["How do I book a meeting room?", { title: "Where is the onboarding checklist?", description: "For your first week" }];
    await writeFile(
      join(configDir.path, "docent.config.json"),
      JSON.stringify({ sources: [{ name: "wiki", path: "." }], teams: { promptStarters: starters } }),
    );
    expect((await teamsPackage([], configDir.path, { MicrosoftAppId: BOT_ID })).code).toBe(0);
    const custom = JSON.parse(await (await JSZip.loadAsync(await readFile(join(configDir.path, "docent-teams.zip")))).file("manifest.json")!.async("string"));
    const expected = [{ title: "How do I book a meeting room?" }, { title: "Where is the onboarding checklist?", description: "For your first week" }];
    expect(custom.bots[0].commandLists.map((list: { commands: unknown }) => list.commands)).toEqual([expected, expected]);
    const ajv = new Ajv({ allErrors: true, strictTypes: false, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(await readFile(SCHEMA, "utf8")));
    expect(validate(custom) ? [] : validate.errors).toEqual([]);

    // Teams shows at most 12; the config says so instead of writing a package Teams would refuse.
    await writeFile(
      join(configDir.path, "docent.config.json"),
      JSON.stringify({ teams: { promptStarters: Array.from({ length: 13 }, (_, i) => `Question ${i}?`) } }),
    );
    await expect(teamsPackage([], configDir.path, { MicrosoftAppId: BOT_ID })).rejects.toThrow(ConfigError);
    await expect(teamsPackage([], configDir.path, { MicrosoftAppId: BOT_ID })).rejects.toThrow(/at most 12 prompt starters/);
    await configDir.remove();
  });

  it("is a docent command that explains itself with --help", async () => {
    let stdout = "";
    const out = new Writable({ write: (chunk, _enc, done) => ((stdout += String(chunk)), done()) });
    const code = await main(["teams-package", "--help"], { env: {}, cwd: dir.path, stdout: out, stderr: out });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: docent teams-package/);
  });
});
