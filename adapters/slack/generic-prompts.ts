/** A suggested prompt as Slack takes it: the button's label and the message it sends. */
export interface SuggestedPrompt {
  title: string;
  message: string;
}

export const SUGGESTED_PROMPTS_TITLE = "Try asking";

/**
 * The last resort when neither the config nor the index gives prompts. Generic on purpose: they must make
 * sense for any company's documents. Also listed in manifest.json.
 */
export const SUGGESTED_PROMPTS: SuggestedPrompt[] = [
  { title: "Time off", message: "How many vacation days do I get?" },
  { title: "Expenses", message: "How do I submit an expense report?" },
  { title: "Working remotely", message: "What is the policy on working remotely?" },
  { title: "Security", message: "What should I do with a suspicious email?" },
];
