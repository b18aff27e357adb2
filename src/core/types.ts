/** The platform-neutral boundary between adapters and the core. No Slack or Teams types beyond this line. */

export type Platform = "slack" | "teams" | "web" | "cli";

export interface Turn {
  role: "user" | "assistant";
  text: string;
}

export interface Question {
  platform: Platform;
  /** The asker's id on the platform; stored only hashed. */
  user: string;
  /** Channel, chat or DM id: selects the scope (`<platform>:<conversation>` in the config's `scopes`). */
  conversation: string;
  /** Thread within the conversation, so follow-ups keep their context. */
  thread: string;
  text: string;
  /** Earlier turns of this thread, oldest first. */
  history: Turn[];
  /** Who will see the answer; absent means shared. */
  audience?: Audience;
}

/**
 * Who will see an answer, which decides the restricted documents it may draw on. A DM or personal chat
 * is `private` (documents the asker may read; `principals` from src/shared/principals.ts: the asker's
 * email/ids and groups, `everyone` included); a channel, group chat or thread others can see is
 * `shared` (only documents everyone in the organization may read).
 */
export type Audience = { kind: "private"; principals: string[] } | { kind: "shared" };

export interface Citation {
  /** The number used in the answer's `[n]` markers: 1, 2, 3… in order of first use. */
  n: number;
  docId: string;
  title: string;
  url: string | null;
  heading: string | null;
  /** The passage (or its most relevant part) the claim rests on. */
  snippet: string;
  /** The document's last modification, milliseconds since the epoch. */
  updatedAt: number;
}

export type AnswerMode = "llm" | "extractive" | "no-answer";

export interface Answer {
  /** Unique id, carried by feedback buttons so a click finds its answer. */
  id: string;
  text: string;
  citations: Citation[];
  /** True when every sentence cites a source that supports it. */
  grounded: boolean;
  mode: AnswerMode;
  /** Sentences the grounding check could not tie to their sources. */
  unsupported: string[];
  /** The standalone query actually searched (differs from the question for follow-ups). */
  query: string;
}
