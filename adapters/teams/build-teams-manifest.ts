import { ACCENT_COLOR } from "./draw-teams-icons.ts";
import { MANIFEST_VERSION } from "./manifest-version.ts";

export { MANIFEST_VERSION };
export const MANIFEST_SCHEMA_URL = `https://developer.microsoft.com/en-us/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`;
export const COLOR_ICON = "color.png";
export const OUTLINE_ICON = "outline.png";

export interface TeamsManifestOptions {
  /** The Azure Bot's Microsoft App ID (MicrosoftAppId). */
  botId: string;
  /** The Teams app's own id; defaults to the bot id so a rebuilt package updates the same app. */
  appId?: string;
  /** Semantic version; raise it for every upload of a changed package. */
  version?: string;
  /** The name people see in Teams (at most 30 characters). */
  name?: string;
  developer?: { name?: string; websiteUrl?: string; privacyUrl?: string; termsOfUseUrl?: string };
}

/** Example questions offered in Teams' compose box; picking one sends it as a question. */
const EXAMPLE_QUESTIONS = [
  { title: "How do I request time off?", description: "Ask about any policy in your own words" },
  { title: "How do I submit an expense?", description: "Answers cite the documents they come from" },
  { title: "Who do I contact for IT help?", description: "Follow-ups in the same thread keep the context" },
];

/**
 * The Teams app manifest (schema v1.29) for Docent's bot: usable in 1:1 chats, group chats and team
 * channels, no files, no tabs. Everything else a Teams app may declare is left out on purpose.
 */
export function buildTeamsManifest(options: TeamsManifestOptions) {
  const name = options.name ?? "Docent";
  const developer = {
    name: options.developer?.name ?? "Docent",
    websiteUrl: options.developer?.websiteUrl ?? "https://example.com/docent",
    privacyUrl: options.developer?.privacyUrl ?? "https://example.com/docent/privacy",
    termsOfUseUrl: options.developer?.termsOfUseUrl ?? "https://example.com/docent/terms",
  };
  return {
    $schema: MANIFEST_SCHEMA_URL,
    manifestVersion: MANIFEST_VERSION,
    version: options.version ?? "1.0.0",
    id: options.appId ?? options.botId,
    developer,
    name: { short: name, full: `${name}: answers from our documents` },
    description: {
      short: "Answers your questions from company documents, citing its sources.",
      full:
        "Ask a question in a 1:1 chat, or @mention the bot in a channel or group chat. It answers from the company's own documents " +
        "(policies, handbooks, how-tos) and cites every claim with a numbered link to its source. When the documents do not cover " +
        "a question it says so and shows the closest sources. Rate answers with the thumbs up and down buttons to help keep the documents good.",
    },
    icons: { outline: OUTLINE_ICON, color: COLOR_ICON },
    accentColor: ACCENT_COLOR,
    bots: [
      {
        botId: options.botId,
        scopes: ["personal", "team", "groupChat"],
        supportsFiles: false,
        isNotificationOnly: false,
        commandLists: [
          { scopes: ["personal"], commands: EXAMPLE_QUESTIONS },
          { scopes: ["team", "groupChat"], commands: EXAMPLE_QUESTIONS },
        ],
      },
    ],
    validDomains: [],
  };
}

export type TeamsManifest = ReturnType<typeof buildTeamsManifest>;
