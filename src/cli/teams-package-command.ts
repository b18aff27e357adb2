import { writeFile } from "node:fs/promises";
import { relative, resolve } from "node:path";
import { buildTeamsManifest, MANIFEST_VERSION } from "../../adapters/teams/build-teams-manifest.ts";
import { buildTeamsPackage } from "../../adapters/teams/build-teams-package.ts";
import { loadConfigFile } from "../config.ts";
import { UsageError, type CliContext } from "./cli-context.ts";
import { readEnvFile } from "./load-runtime.ts";
import { parseCommandArgs } from "./parse-command-args.ts";

const GUID = /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i;
const HTTP_URL = /^https?:\/\/\S+$/i;
const SEMVER = /^\d+\.\d+\.\d+$/;

/** `docent teams-package`; its name, summary and usage live in the command table (commands.ts). */
export async function teamsPackageCommand(args: string[], context: CliContext): Promise<number> {
  const { values } = parseCommandArgs("teams-package", args, {
    out: { type: "string" },
    "bot-id": { type: "string" },
    "app-id": { type: "string" },
    "app-version": { type: "string" },
    name: { type: "string" },
    developer: { type: "string" },
    "website-url": { type: "string" },
    "privacy-url": { type: "string" },
    "terms-url": { type: "string" },
  });
  const envFile = readEnvFile(resolve(context.cwd, ".env"));
  const botId = values["bot-id"]?.trim() || context.env.MicrosoftAppId?.trim() || envFile.MicrosoftAppId?.trim();
  if (!botId) throw new UsageError("no bot id: set MicrosoftAppId to your Azure Bot's Microsoft App ID, or pass --bot-id");
  if (!GUID.test(botId)) throw new UsageError(`the bot id must be a GUID (the Azure Bot's Microsoft App ID), got "${botId}"`);
  if (values["app-id"] && !GUID.test(values["app-id"])) throw new UsageError(`--app-id must be a GUID, got "${values["app-id"]}"`);
  if (values["app-version"] && !SEMVER.test(values["app-version"])) throw new UsageError(`--app-version must look like 1.2.3, got "${values["app-version"]}"`);
  if (values.name !== undefined && (!values.name.trim() || values.name.length > 30)) throw new UsageError("--name must be 1 to 30 characters");
  if (values.developer !== undefined && (!values.developer.trim() || values.developer.length > 32))
    throw new UsageError("--developer must be 1 to 32 characters");
  for (const option of ["website-url", "privacy-url", "terms-url"] as const) {
    if (values[option] !== undefined && !HTTP_URL.test(values[option])) throw new UsageError(`--${option} must be an http(s) URL, got "${values[option]}"`);
  }

  const promptStarters = loadConfigFile({ ...envFile, ...context.env }, context.cwd).teams?.promptStarters?.map((starter) =>
    typeof starter === "string" ? { title: starter } : starter,
  );
  const manifest = buildTeamsManifest({
    botId,
    appId: values["app-id"],
    version: values["app-version"],
    name: values.name?.trim(),
    developer: { name: values.developer?.trim(), websiteUrl: values["website-url"], privacyUrl: values["privacy-url"], termsOfUseUrl: values["terms-url"] },
    promptStarters,
  });
  const out = resolve(context.cwd, values.out ?? "docent-teams.zip");
  await writeFile(out, await buildTeamsPackage(manifest));
  context.stdout.write(
    `wrote ${relative(context.cwd, out) || out}: Teams app "${manifest.name.short}" ${manifest.version}, bot ${botId}, manifest v${MANIFEST_VERSION}\n`,
  );
  context.stdout.write("upload it in Teams: Apps > Manage your apps > Upload an app (or in the Teams admin center for everyone)\n");
  if (!values["website-url"] || !values["privacy-url"] || !values["terms-url"]) {
    context.stderr.write(
      "note: the developer links are placeholders; pass --website-url, --privacy-url and --terms-url before publishing to your organization\n",
    );
  }
  return 0;
}
