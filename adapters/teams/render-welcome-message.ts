import type { TeamsScope } from "./read-teams-question.ts";

export interface WelcomeOptions {
  /** The bot's name as Teams shows it (the activity's recipient). */
  botName: string;
  /** The configured sources' names, in config order. */
  sources: string[];
  scope: TeamsScope;
}

/**
 * The message posted once when the bot is added to a 1:1 chat, a group chat or a team: what it answers
 * from, how to ask there, and that answers cite their sources. Short, because it lands in a busy place.
 */
export function renderWelcomeMessage({ botName, sources, scope }: WelcomeOptions): string {
  const from = sources.length ? `our documents (${listOf(sources)})` : "our documents";
  const howToAsk =
    scope === "personal"
      ? "Just type your question here, in your own words."
      : `Mention me (@${botName}) with your question and I'll answer ${scope === "channel" ? "in the thread" : "here"}.`;
  return [
    `Hi, I'm ${botName}. I answer questions from ${from}.`,
    howToAsk,
    "Every answer cites the documents it comes from, with links, so you can check it.",
  ].join("\n\n");
}

function listOf(names: string[]): string {
  return names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}
