/** Which collections a conversation may read: its own scope, else the default scope, else every collection. */
export function collectionsInScope(scopes: Record<string, string[]>, conversationKey: string | null): string[] | null {
  if (conversationKey && scopes[conversationKey]) return scopes[conversationKey];
  return scopes.default ?? null;
}
