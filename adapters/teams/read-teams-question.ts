import type { Activity } from "@microsoft/agents-activity";
import type { Audience, Question } from "../../src/core/types.ts";
import { EVERYONE, userPrincipal } from "../../src/shared/principals.ts";
import { stripBotMention } from "./strip-bot-mention.ts";

export type TeamsScope = "personal" | "groupChat" | "channel";

export interface TeamsQuestion {
  scope: TeamsScope;
  question: Question;
}

/** A channel conversation id names the reply chain too: `19:…@thread.tacv2;messageid=<root message id>`. */
const MESSAGE_ID_SUFFIX = /;messageid=.*$/;

/**
 * Decides whether a Teams message is a question for Docent, and which. Personal chat: every message.
 * Group chat and channel: only when the bot is @mentioned (channels deliver nothing else unless the app
 * has resource-specific consent, and then we still wait to be asked). Returns null for everything else,
 * and a question with empty text for a bare mention, so the caller can say what the bot is for.
 */
export function readTeamsQuestion(activity: Activity): TeamsQuestion | null {
  if (activity.type !== "message" || !activity.conversation?.id || !activity.from?.id) return null;
  // Our own messages, echoed by some channels, are never questions.
  if (activity.from.id === activity.recipient?.id) return null;
  const scope = scopeOf(activity);
  const { text, mentioned } = stripBotMention(activity);
  if (scope !== "personal" && !mentioned) return null;
  const conversationId = activity.conversation.id;
  return {
    scope,
    question: {
      platform: "teams",
      // The Entra object id is the same person in every chat and team; the channel account id is not.
      user: activity.from.aadObjectId ?? activity.from.id,
      // The scope key (`teams:<conversation>` in the config's scopes) is the channel or chat, not one thread.
      conversation: conversationId.replace(MESSAGE_ID_SUFFIX, ""),
      // The core's thread memory keys on this: one reply chain in a channel, the whole chat elsewhere.
      thread: conversationId,
      text,
      history: [],
      audience: audienceOf(activity, scope),
    },
  };
}

/**
 * Who will see the answer: only the asker in a personal chat (so it may draw on what they may read: here
 * their Entra object id and any UPN or email the activity carries; their groups are added from Graph by the
 * handler), everyone in the chat or channel otherwise.
 */
function audienceOf(activity: Activity, scope: TeamsScope): Audience {
  if (scope !== "personal") return { kind: "shared" };
  const from = activity.from as { aadObjectId?: string; userPrincipalName?: string; email?: string } | undefined;
  const names = [from?.aadObjectId, from?.userPrincipalName, from?.email].filter((name): name is string => Boolean(name?.trim()));
  return { kind: "private", principals: [...new Set([EVERYONE, ...names.map(userPrincipal)])] };
}

/** Where a conversation is: a 1:1 chat, a group chat or a team channel. */
export function scopeOf(activity: Pick<Activity, "conversation">): TeamsScope {
  const type = activity.conversation?.conversationType;
  if (type === "channel" || type === "groupChat") return type;
  if (type === "personal") return "personal";
  // Other Bot Framework channels (the Emulator) leave conversationType out: a group is a group chat.
  return activity.conversation?.isGroup ? "groupChat" : "personal";
}
