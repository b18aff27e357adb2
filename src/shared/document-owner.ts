import { z } from "zod";

/**
 * Who answers for a document: where a disliked answer citing it is routed. Slack: a user (U…/W…, a DM)
 * or a channel (C…/G…); Teams: a channel's conversation id (`19:…@thread.tacv2`).
 */
export interface DocumentOwner {
  slack?: string;
  teams?: string;
}

const slackTarget = z
  .string()
  .trim()
  .regex(/^[UWCG][A-Z0-9]{2,}$/, "an owner in Slack is a user id (U012AB3CD) or a channel id (C012AB3CD)");
const teamsTarget = z
  .string()
  .trim()
  .regex(/^\S+:\S+$/, "an owner in Teams is a channel's conversation id, such as 19:abc…@thread.tacv2");

/** The config file's `owner` of a source: `{"slack": "U…"|"C…", "teams": "19:…"}`, at least one of them. */
export const documentOwnerSchema = z
  .object({ slack: slackTarget.optional(), teams: teamsTarget.optional() })
  .strict()
  .refine((owner) => owner.slack !== undefined || owner.teams !== undefined, 'an owner names "slack", "teams" or both');

/** What a Markdown front matter may say: the object above, or a Slack id alone (`owner: U012AB3CD`). */
export const frontMatterOwnerSchema = z.union([slackTarget.transform((slack): DocumentOwner => ({ slack })), documentOwnerSchema]);

/** The owner as the index stores it (one JSON text column), or null for none. */
export function encodeOwner(owner: DocumentOwner | null | undefined): string | null {
  if (!owner || (!owner.slack && !owner.teams)) return null;
  return JSON.stringify({ ...(owner.slack ? { slack: owner.slack } : {}), ...(owner.teams ? { teams: owner.teams } : {}) });
}

/** The stored column back as an owner; null for none or for anything that does not read as one. */
export function decodeOwner(stored: unknown): DocumentOwner | null {
  if (typeof stored !== "string" || stored === "") return null;
  try {
    const parsed = documentOwnerSchema.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
