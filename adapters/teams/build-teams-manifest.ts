import { ACCENT_COLOR } from "./draw-teams-icons.ts";
import { MANIFEST_VERSION } from "./manifest-version.ts";
import { SAVE_VERIFIED_COMMAND_ID } from "./answer-verified-action.ts";

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
  /** Example questions for the compose box (from the config file's `teams.promptStarters`); default: GENERIC_PROMPT_STARTERS. */
  promptStarters?: PromptStarter[];
}

export interface PromptStarter {
  /** The question, as it is put in the compose box. */
  title: string;
  description?: string;
}

/**
 * Example questions offered in Teams' compose box; picking one puts it there to send. Generic on purpose:
 * they must make sense for any company's documents (the same topics as Slack's suggested prompts).
 */
export const GENERIC_PROMPT_STARTERS: PromptStarter[] = [
  { title: "How many vacation days do I get?", description: "Ask about any policy in your own words" },
  { title: "How do I submit an expense report?", description: "Answers cite the documents they come from" },
  { title: "What is the policy on working remotely?", description: "Follow-ups in the same thread keep the context" },
  { title: "What should I do with a suspicious email?", description: "When the documents don't say, you're told so" },
];

/**
 * The Teams app manifest (schema v1.29) for Docent's bot: usable in 1:1 chats, group chats and team
 * channels, no files, no tabs. Everything else a Teams app may declare is left out on purpose.
 */
export function buildTeamsManifest(options: TeamsManifestOptions) {
  const name = options.name ?? "Docent";
  const commands = (options.promptStarters?.length ? options.promptStarters : GENERIC_PROMPT_STARTERS).map((starter) => ({
    title: starter.title,
    ...(starter.description ? { description: starter.description } : {}),
  }));
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
          { scopes: ["personal"], commands },
          { scopes: ["team", "groupChat"], commands },
        ],
      },
    ],
    // "Save as verified answer" on a message's "…" menu: the command is answered by the bot itself.
    composeExtensions: [
      {
        botId: options.botId,
        commands: [
          {
            id: SAVE_VERIFIED_COMMAND_ID,
            type: "action",
            title: "Save as verified answer",
            description: "Docent answers this thread's question from this reply from now on",
            context: ["message"],
            fetchTask: true,
          },
        ],
      },
    ],
    validDomains: [],
  };
}

export type TeamsManifest = ReturnType<typeof buildTeamsManifest>;
