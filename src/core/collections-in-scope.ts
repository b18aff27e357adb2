import { VERIFIED_COLLECTION } from "../shared/verified-collection.ts";

/**
 * Which collections a conversation may read: its own scope, else the default scope (with the experts'
 * verified answers beside it), else every collection. A conversation with a scope of its own reads the
 * verified answers only if its scope lists "verified": an answer verified for everyone may still not
 * belong in a channel that was deliberately limited.
 */
export function collectionsInScope(scopes: Record<string, string[]>, conversationKey: string | null): string[] | null {
  if (conversationKey && scopes[conversationKey]) return scopes[conversationKey];
  const fallback = scopes.default;
  if (!fallback) return null;
  return fallback.includes(VERIFIED_COLLECTION) ? fallback : [...fallback, VERIFIED_COLLECTION];
}
