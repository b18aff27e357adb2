import { Activity, type Entity } from "@microsoft/agents-activity";

/** A mention entity whose `mentioned` account is there (the SDK reads `mentioned.id` without checking). */
type AccountMention = Entity & { text?: string; mentioned: { id: string; name?: string } };

export interface StrippedText {
  /** The message as the user meant it: the bot's mention removed, other people's kept as plain names. */
  text: string;
  /** Whether the message @mentions the bot (by entity, or by an `<at>` tag naming it). */
  mentioned: boolean;
}

const AT_TAG = /<at[^>]*>([\s\S]*?)<\/at>/gi;
const LEADING_AT_TAG = /^\s*<at[^>]*>[\s\S]*?<\/at>/i;
const ENTITIES: Record<string, string> = { "&nbsp;": " ", "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&apos;": "'" };

/**
 * Removes the bot's @mention from a Teams message. The Agents SDK's `removeRecipientMention` removes the
 * mention entity's text verbatim; Teams clients do not always write it the way the entity says (a
 * `&nbsp;` for a space, a name split into two tags, a renamed bot), so `<at>` tags naming the bot are
 * removed as a fallback, and when the entity says the bot was mentioned but nothing matched, the leading
 * tag is taken to be it.
 */
export function stripBotMention(activity: Pick<Activity, "text" | "entities" | "recipient">): StrippedText {
  const botId = activity.recipient?.id;
  const mentionEntities = (activity.entities ?? []).filter((entity): entity is AccountMention => isMentionOf(entity, botId));
  let mentioned = mentionEntities.length > 0;

  // removeRecipientMention writes to the activity it is called on: call it on a copy.
  // Only the mentions already known to name the bot.
  const copy = Object.assign(new Activity("message"), { text: activity.text ?? "", entities: mentionEntities, recipient: activity.recipient });
  let text = botId ? copy.removeRecipientMention() : copy.text!;

  const names = [activity.recipient?.name, ...mentionEntities.map((entity) => String(entity.text ?? "").replace(AT_TAG, "$1"))]
    .filter((name): name is string => Boolean(name))
    .map(normalizeName);
  const nameWords = new Set(names.flatMap((name) => name.split(" ")));
  let removed = text !== (activity.text ?? "");
  text = text.replace(AT_TAG, (tag, inner: string) => {
    const name = normalizeName(inner);
    // A name split over two tags ("<at>KB</at> <at>Bot</at>") counts when the entity says the bot was mentioned.
    const partOfBotName = mentionEntities.length > 0 && name !== "" && name.split(" ").every((word) => nameWords.has(word));
    if (names.includes(name) || partOfBotName) {
      mentioned = true;
      removed = true;
      return " ";
    }
    return tag;
  });
  if (mentioned && !removed) text = text.replace(LEADING_AT_TAG, " ");
  text = decodeEntities(text.replace(AT_TAG, "$1"));
  return { text: text.replace(/\s+/g, " ").trim(), mentioned };
}

function isMentionOf(entity: Entity, id: string | undefined): entity is AccountMention {
  const mentioned = entity.mentioned as { id?: unknown } | null | undefined;
  return entity.type === "mention" && typeof mentioned === "object" && mentioned !== null && mentioned.id === id;
}

function normalizeName(name: string): string {
  return decodeEntities(name).replace(/\s+/g, " ").trim().toLowerCase();
}

function decodeEntities(text: string): string {
  return text.replace(/&(nbsp|amp|lt|gt|quot|#39|apos);/g, (entity) => ENTITIES[entity] ?? entity);
}
