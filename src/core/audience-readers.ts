import { EVERYONE } from "../shared/principals.ts";
import type { Audience } from "./types.ts";

/**
 * Whose documents an answer may draw on. Private (a DM, a personal chat): whatever the asker may read,
 * which always includes what everyone may read. Shared or unknown (a channel, a group chat, a thread
 * others can see): only what everyone in the organization may read, whoever asked.
 */
export function audienceReaders(audience: Audience | undefined): string[] {
  if (audience?.kind === "private") return [...new Set([EVERYONE, ...audience.principals])];
  return [EVERYONE];
}
