import type { AdapterFactory } from "../server/adapter.ts";

/**
 * The platforms `docent serve` knows. Each factory returns null when its platform is not configured.
 * Adapters are loaded lazily so a deployment without Slack never loads Bolt, and so on.
 */
export const defaultAdapters: AdapterFactory[] = [
  async (context) => (await import("../../adapters/slack/create-slack-adapter.ts")).createSlackAdapter(context),
  async (context) => (await import("../../adapters/teams/create-teams-adapter.ts")).createTeamsAdapter(context),
  async (context) => (await import("../../adapters/web/create-web-adapter.ts")).createWebAdapter(context),
];
