import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import packagedChromium from "@sparticuz/chromium";
import { chromium, type Browser } from "playwright-core";

const ROOT = resolve(import.meta.dirname, "../..");
const DEBIAN_CHROMIUM = "/usr/bin/chromium";
const PACKAGE = join(ROOT, "node_modules/@sparticuz/chromium");

/** Test machines have no network: without these Chromium reaches out at start (updates, sync, field trials). */
const NO_NETWORK_ARGS = ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"];

/**
 * A headless Chromium for the browser tests: `CHROMIUM_PATH` or Debian's chromium when installed, else
 * the build shipped inside the `@sparticuz/chromium` package, so `npm install` is all a machine needs.
 */
export async function launchTestBrowser(): Promise<Browser> {
  const installed = process.env.CHROMIUM_PATH ?? (existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : null);
  if (installed) {
    return chromium.launch({ executablePath: installed, headless: true, args: ["--no-sandbox", "--disable-gpu", ...NO_NETWORK_ARGS] });
  }
  const dir = await unpackedChromium();
  return chromium.launch({
    executablePath: join(dir, "chromium"),
    headless: true,
    args: [...packagedChromium.args, ...NO_NETWORK_ARGS],
    // The package's own fonts.conf points at /tmp/fonts; ours points at the copy unpacked beside the binary.
    env: { ...process.env, FONTCONFIG_FILE: join(dir, "fonts.conf") },
  });
}

/**
 * Unpacks the packaged Chromium once per installed version, under node_modules/.cache. The package
 * unpacks into the temporary directory non-atomically (a half-written /tmp/chromium is taken for a
 * finished one), so it unpacks in a child process into a fresh directory of ours, renamed into place
 * when complete: test files or checkouts running at once never launch a partial binary.
 */
async function unpackedChromium(): Promise<string> {
  const { version } = JSON.parse(await readFile(join(PACKAGE, "package.json"), "utf8")) as { version: string };
  const cache = join(ROOT, "node_modules/.cache");
  const dir = join(cache, `sparticuz-chromium-${version}`);
  if (existsSync(join(dir, "chromium"))) return dir;

  await mkdir(cache, { recursive: true });
  const staging = await mkdtemp(join(cache, "sparticuz-chromium-unpacking-"));
  try {
    const unpack = `import("@sparticuz/chromium").then((m) => m.default.executablePath())`;
    await promisify(execFile)(process.execPath, ["--input-type=module", "-e", unpack], { cwd: ROOT, env: { ...process.env, TMPDIR: staging } });
    await writeFile(
      join(staging, "fonts.conf"),
      `<?xml version="1.0"?>\n<fontconfig>\n  <dir>${join(dir, "fonts")}</dir>\n  <dir>/usr/share/fonts</dir>\n  <cachedir>${join(dir, "fonts-cache")}</cachedir>\n</fontconfig>\n`,
    );
    await rename(staging, dir);
  } catch (error) {
    // Another process finished first: use its copy.
    if (!existsSync(join(dir, "chromium"))) throw error;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return dir;
}
